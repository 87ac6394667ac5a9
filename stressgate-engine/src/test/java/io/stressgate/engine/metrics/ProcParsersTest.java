package io.stressgate.engine.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ProcParsersTest {

    @Test
    void shouldCountStatFieldsFromTheLastParenthesisWhenTheCommandNameHoldsSpacesAndParentheses() throws IOException {
        byte[] text = fixture("pid-stat-odd-name.txt");

        ProcParsers.Stat stat = ProcParsers.stat(text, text.length);

        assertThat(stat).isEqualTo(new ProcParsers.Stat(4242, 'S', 4200, 300, 7, 99999, 2560));
    }

    @Test
    void shouldReadAStatLineCapturedFromThisKindOfMachine() throws IOException {
        byte[] text = fixture("pid-stat-cat.txt");

        ProcParsers.Stat stat = ProcParsers.stat(text, text.length);

        assertThat(stat.pid()).isEqualTo(23227);
        assertThat(stat.state()).isEqualTo('R');
        assertThat(stat.ppid()).isEqualTo(23220);
        assertThat(stat.threads()).isEqualTo(1);
        assertThat(stat.startTicks()).isEqualTo(299269);
        assertThat(stat.rssPages()).isEqualTo(396);
    }

    @Test
    void shouldRejectATruncatedStatLineNamingTheFile() {
        byte[] text = "77 (sh) S 1 77 77 0".getBytes(StandardCharsets.US_ASCII);

        assertThatThrownBy(() -> ProcParsers.stat(text, text.length))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("/proc/<pid>/stat").hasMessageContaining("77 (sh)");
    }

    @Test
    void shouldSplitTheAggregateCpuLineIntoBusyAndTotalLeavingGuestTimeOut() throws IOException {
        byte[] text = fixture("stat.txt");

        long[] ticks = ProcParsers.cpuTicks(text, text.length);

        long total = 119420 + 121 + 18770 + 452085 + 1257 + 0 + 1774 + 5288;
        assertThat(ticks).containsExactly(total - 452085 - 1257, total);
    }

    @Test
    void shouldReadAnOldKernelsCpuLineWithFourCounters() {
        byte[] text = "cpu  10 0 5 85\ncpu0 10 0 5 85\n".getBytes(StandardCharsets.US_ASCII);

        assertThat(ProcParsers.cpuTicks(text, text.length)).containsExactly(15, 100);
    }

    @Test
    void shouldReadMemoryAndSwapInBytes() throws IOException {
        byte[] text = fixture("meminfo-swap.txt");

        ProcParsers.MemInfo mem = ProcParsers.memInfo(text, text.length);

        assertThat(mem).isEqualTo(new ProcParsers.MemInfo(8_000_000L * 1024, 2_000_000L * 1024, 2_097_148L * 1024,
                1_048_574L * 1024));
    }

    @Test
    void shouldReadTheMeminfoOfThisKindOfMachine() throws IOException {
        byte[] text = fixture("meminfo.txt");

        ProcParsers.MemInfo mem = ProcParsers.memInfo(text, text.length);

        assertThat(mem.totalBytes()).isEqualTo(24_684_096L * 1024);
        assertThat(mem.availableBytes()).isEqualTo(24_267_644L * 1024);
        assertThat(mem.swapTotalBytes()).isZero();
    }

    @Test
    void shouldRefuseMeminfoWithoutMemAvailable() {
        byte[] text = "MemTotal: 100 kB\nMemFree: 50 kB\n".getBytes(StandardCharsets.US_ASCII);

        assertThatThrownBy(() -> ProcParsers.memInfo(text, text.length)).hasMessageContaining("MemAvailable");
    }

    @Test
    void shouldReadTheOneMinuteLoad() throws IOException {
        byte[] text = fixture("loadavg.txt");

        assertThat(ProcParsers.load1(text, text.length)).isEqualTo(8.66);
    }

    @Test
    void shouldListChildrenSeparatedBySpaces() throws IOException {
        byte[] text = fixture("children.txt");
        List<Long> children = new ArrayList<>();

        ProcParsers.children(text, text.length, children::add);

        assertThat(children).containsExactly(4301L, 4302L, 4310L);
    }

    @Test
    void shouldListNoChildrenFromAnEmptyFile() {
        List<Long> children = new ArrayList<>();

        ProcParsers.children(new byte[0], 0, children::add);

        assertThat(children).isEmpty();
    }

    static byte[] fixture(String name) throws IOException {
        try (InputStream in = ProcParsersTest.class.getResourceAsStream("/proc/" + name)) {
            assertThat(in).as("fixture " + name).isNotNull();
            return in.readAllBytes();
        }
    }
}
