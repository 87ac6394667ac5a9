package io.stressgate.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Reading strace's connect() lines as strace 6.1 prints them (lines taken from traces of a JVM). */
class ConnectTraceTest {
    private static final Path LOG = Path.of("connect.trace");

    @Test
    void shouldReadIpv4AndIpv6ConnectsWithTheirPortsAndTellLoopbackFromOutside() {
        List<ConnectTrace.Connect> connects = ConnectTrace.parse(LOG, List.of(
                "4711  connect(12, {sa_family=AF_INET, sin_port=htons(18911), sin_addr=inet_addr(\"127.0.0.1\")}, 16) = 0",
                "4712  connect(13, {sa_family=AF_INET6, sin6_port=htons(9), sin6_flowinfo=htonl(0), "
                        + "inet_pton(AF_INET6, \"::1\", &sin6_addr), sin6_scope_id=0}, 28) = -1 ECONNREFUSED (Connection refused)",
                "4713  connect(14, {sa_family=AF_INET6, sin6_port=htons(80), sin6_flowinfo=htonl(0), "
                        + "inet_pton(AF_INET6, \"::ffff:127.0.0.2\", &sin6_addr), sin6_scope_id=0}, 28 <unfinished ...>",
                "4713  <... connect resumed>) = 0",
                "4714  connect(15, {sa_family=AF_INET, sin_port=htons(443), sin_addr=inet_addr(\"151.101.0.209\")}, 16) = -1 EINPROGRESS",
                "4715  connect(16, {sa_family=AF_INET6, sin6_port=htons(53), sin6_flowinfo=htonl(0), "
                        + "inet_pton(AF_INET6, \"2001:db8::1\", &sin6_addr), sin6_scope_id=0}, 28) = 0"));

        assertThat(connects).extracting(ConnectTrace.Connect::address, ConnectTrace.Connect::port).containsExactly(
                tuple("127.0.0.1", 18911), tuple("::1", 9),
                tuple("::ffff:127.0.0.2", 80), tuple("151.101.0.209", 443),
                tuple("2001:db8::1", 53));
        assertThat(connects).extracting(ConnectTrace.Connect::loopback).containsExactly(true, true, true, false, false);
    }

    @Test
    void shouldLeaveOutUnixAndUnspecifiedConnects() {
        List<ConnectTrace.Connect> connects = ConnectTrace.parse(LOG, List.of(
                "4711  connect(3, {sa_family=AF_UNIX, sun_path=\"/var/run/nscd/socket\"}, 110) = -1 ENOENT (No such file or directory)",
                "4711  connect(5, {sa_family=AF_UNSPEC, sa_data=\"\\0\\0\\0\\0\\0\\0\\0\\0\\0\\0\\0\\0\\0\\0\"}, 16) = 0",
                "4711  +++ exited with 0 +++"));

        assertThat(connects).isEmpty();
    }

    @Test
    void shouldRefuseAnIpConnectItCannotReadNamingTheLine() {
        assertThatThrownBy(() -> ConnectTrace.parse(LOG, List.of(
                "4711  connect(3, {sa_family=AF_UNIX, sun_path=\"/x\"}, 110) = 0",
                "4711  connect(12, {sa_family=AF_INET, sin_port=htons(80), sin_addr=...}, 16) = 0")))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageStartingWith("connect.trace:2: a connect() whose address cannot be read");
    }
}
