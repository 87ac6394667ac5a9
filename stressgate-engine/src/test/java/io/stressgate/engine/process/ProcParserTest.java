package io.stressgate.engine.process;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ProcParserTest {
    private static final String TCP = """
              sl  local_address rem_address   st tx_queue rx_queue tr tm->when retrnsmt   uid  timeout inode
               0: 0100007F:CE71 00000000:0000 0A 00000000:00000000 00:00000000 00000000     0        0 58461 1 0000000085152d0d 100 0 0 10 0
               1: 00000000:07E8 00000000:0000 0A 00000000:00000000 00:00000000 00000000     0        0 1077 1 00000000f7b7a301 100 0 0 10 0
               2: 0100007F:CE71 0100007F:D3BE 01 00000000:00000000 00:00000000 00000000     0        0 58243 3 0000000022e9fd59 20 4 1 18 -1
            """;
    private static final String TCP6 = """
              sl  local_address                         remote_address                        st tx_queue rx_queue tr tm->when retrnsmt   uid  timeout inode
               0: 00000000000000000000000001000000:8155 00000000000000000000000000000000:0000 0A 00000000:00000000 00:00000000 00000000     0        0 58460 1 000000002363aeb1 100 0 0 10 0
               1: 0000000000000000FFFF00000100007F:ACC3 00000000000000000000000000000000:0000 0A 00000000:00000000 00:00000000 00000000  1000        0 58234 1 00000000b62764fd 100 0 0 10 0
               2: 0000000000000000FFFF00000100007F:B42B 0000000000000000FFFF00000100007F:A8BC 06 00000000:00000000 03:0000037F 00000000     0        0 0 3 000000006597e89d
            """;

    @Test
    void shouldReadTheStatFieldsOfAProcess() {
        ProcStat stat = ProcParser.stat("10978 (cat) R 10975 10975 6557 0 -1 4194304 98 0 0 0 0 0 0 0 20 0 1 0 207776 3133440 348"
                + " 18446744073709551615 93889981304832 93889981324713 140736229329568 0 0 0 0 0 0 0 0 0 17 1 0 0 0 0 0\n");

        assertThat(stat).isEqualTo(new ProcStat(10978, "cat", 'R', 10975, 10975, 6557, 1, 207776));
        assertThat(stat.key()).isEqualTo(new ProcessKey(10978, 207776));
        assertThat(stat.zombie()).isFalse();
    }

    @Test
    void shouldReadACommandNameHoldingSpacesAndParentheses() {
        ProcStat stat = ProcParser.stat("4242 (my (odd) ) name) S 4000 4242 4242 0 -1 4194304 98 0 0 0 0 0 0 0 20 0 3 0 555 3133440 348");

        assertThat(stat.comm()).isEqualTo("my (odd) ) name");
        assertThat(stat.ppid()).isEqualTo(4000);
        assertThat(stat.threads()).isEqualTo(3);
        assertThat(stat.startTicks()).isEqualTo(555);
    }

    @Test
    void shouldAddUserAndSystemTicksForTheCpuTimeEvenAfterAnOddName() {
        String busy = "4242 (my (odd) ) name) R 4000 4242 4242 0 -1 4194304 98 0 0 0 1234 56 7 8 20 0 3 0 555 3133440 348";

        assertThat(ProcParser.cpuTicks(busy)).isEqualTo(1234 + 56);
        assertThatThrownBy(() -> ProcParser.cpuTicks("1 (x) S 0 1")).hasMessageContaining("too few fields");
    }

    @Test
    void shouldRecognizeAZombie() {
        ProcStat stat = ProcParser.stat("5001 (sleep) Z 5000 5000 4000 0 -1 4227084 0 0 0 0 0 0 0 0 20 0 1 0 9999 0 0");

        assertThat(stat.zombie()).isTrue();
        assertThat(stat.pgid()).isEqualTo(5000);
        assertThat(stat.sid()).isEqualTo(4000);
    }

    @Test
    void shouldRefuseAStatLineThatIsNotOne() {
        assertThatThrownBy(() -> ProcParser.stat("garbage")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("not a /proc/<pid>/stat line: garbage");
        assertThatThrownBy(() -> ProcParser.stat("1 (x) S 0 1")).hasMessageContaining("too few fields");
        assertThatThrownBy(() -> ProcParser.stat("1 (x) S a 1 1 0 -1 0 0 0 0 0 0 0 0 0 20 0 1 0 5 0 0"))
                .hasMessageContaining("malformed number");
    }

    @Test
    void shouldTakeTheRealUserIdFromStatus() {
        assertThat(ProcParser.realUid("Name:\tsleep\nState:\tS (sleeping)\nUid:\t65534\t0\t0\t0\nGid:\t0\t0\t0\t0\n")).isEqualTo(65534);
        assertThatThrownBy(() -> ProcParser.realUid("Name:\tx\n")).hasMessageContaining("without a Uid line");
    }

    @Test
    void shouldSplitTheCommandLineAtNulBytesKeepingEmptyAndSpacedArguments() {
        byte[] bytes = "python3\0worker.py\0\0--name\0a b; touch pwned-canary\0".getBytes(StandardCharsets.UTF_8);

        assertThat(ProcParser.cmdline(bytes)).containsExactly("python3", "worker.py", "", "--name", "a b; touch pwned-canary");
        assertThat(ProcParser.cmdline(new byte[0])).isEmpty();
        assertThat(ProcParser.cmdline("rewritten title".getBytes(StandardCharsets.UTF_8))).containsExactly("rewritten title");
    }

    @Test
    void shouldFindOnlyTheAskedVariablesInTheEnvironment() {
        byte[] bytes = "HOME=/root\0STRESSGATE_RUN=abc=def\0JENKINS_NODE_COOKIE=\0XSTRESSGATE_RUN=no\0".getBytes(StandardCharsets.UTF_8);

        assertThat(ProcParser.environ(bytes, Set.of("STRESSGATE_RUN", "JENKINS_NODE_COOKIE", "PATH")))
                .containsOnly(java.util.Map.entry("STRESSGATE_RUN", "abc=def"), java.util.Map.entry("JENKINS_NODE_COOKIE", ""));
    }

    @Test
    void shouldReadTheInodeOfASocketLinkOnly() {
        assertThat(ProcParser.socketInode("socket:[58461]")).hasValue(58461);
        assertThat(ProcParser.socketInode("pipe:[15375]")).isEmpty();
        assertThat(ProcParser.socketInode("/tmp/socket:[1]")).isEmpty();
    }

    @Test
    void shouldListOnlyListeningIpv4Sockets() {
        assertThat(ProcParser.listening(TCP)).containsExactly(
                new ListeningSocket("127.0.0.1", 52849, 58461), new ListeningSocket("0.0.0.0", 2024, 1077));
    }

    @Test
    void shouldListOnlyListeningIpv6SocketsIncludingMappedOnes() {
        assertThat(ProcParser.listening(TCP6)).extracting(ListeningSocket::endpoint, ListeningSocket::inode).containsExactly(
                org.assertj.core.groups.Tuple.tuple("[0:0:0:0:0:0:0:1]:33109", 58460L),
                org.assertj.core.groups.Tuple.tuple("127.0.0.1:44227", 58234L));
    }
}
