package io.stressgate.engine.scenario;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import io.stressgate.engine.scenario.ChaosRules.Origin;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The one set of rules of a chaos action, as a table: an action as given, where it is written, the keys it breaks. */
class ChaosRulesTest {
    private static final Set<Origin> EVERYWHERE = EnumSet.allOf(Origin.class);

    /** An action as a front-end would give it, built key by key. */
    private static final class Given {
        private final ChaosSpec.Action action;
        private ChaosRules.Target target = ChaosRules.Target.NONE;
        private String signal;
        private Long count;
        private Long max;
        private boolean scope;
        private Duration duration;
        private List<String> command;
        private List<String> restore;
        private ChaosRules.Probe recover = ChaosRules.Probe.NONE;
        private boolean restart;

        private Given(ChaosSpec.Action action) {
            this.action = action;
        }

        static Given kill() {
            return new Given(ChaosSpec.Action.KILL).target(ChaosRules.Target.GROUP);
        }

        static Given pause(Duration duration) {
            return kill().as(ChaosSpec.Action.PAUSE).duration(duration);
        }

        static Given stop(Duration duration) {
            return new Given(ChaosSpec.Action.STOP).duration(duration).command(List.of("redis-cli", "shutdown"))
                    .restore(List.of("redis-server"));
        }

        static Given start() {
            return new Given(ChaosSpec.Action.START);
        }

        Given as(ChaosSpec.Action other) {
            Given g = new Given(other);
            g.target = target;
            return g;
        }

        Given target(ChaosRules.Target t) {
            target = t;
            return this;
        }

        Given selector(String name, String cmdline, Long port) {
            return target(new ChaosRules.Target(true, name, cmdline, port));
        }

        Given signal(String s) {
            signal = s;
            return this;
        }

        Given count(Long c, Long m) {
            count = c;
            max = m;
            return this;
        }

        Given scope() {
            scope = true;
            return this;
        }

        Given duration(Duration d) {
            duration = d;
            return this;
        }

        Given command(List<String> c) {
            command = c;
            return this;
        }

        Given restore(List<String> r) {
            restore = r;
            return this;
        }

        Given recover(boolean given, Duration timeout, List<String> probeCommand) {
            recover = new ChaosRules.Probe(given, timeout, probeCommand);
            return this;
        }

        Given restart() {
            restart = true;
            return this;
        }

        ChaosRules.Draft draft() {
            return new ChaosRules.Draft(action, target, signal, count, max, scope, false, false, duration, command, restore,
                    recover, restart, false);
        }
    }

    private static List<String> args(int n) {
        List<String> argv = new ArrayList<>(Collections.nCopies(n, "x"));
        argv.set(0, "redis-cli");
        return argv;
    }

    private static Arguments row(String what, Set<Origin> where, Given given, String... keys) {
        return Arguments.of(what, where, given, List.of(keys));
    }

    static Stream<Arguments> table() {
        Duration second = Duration.ofSeconds(1);
        return Stream.of(
                row("a plain kill", EVERYWHERE, Given.kill()),
                row("a stop with its restore and duration", EVERYWHERE, Given.stop(Duration.ofSeconds(5))),
                row("count and max over 1000", EVERYWHERE, Given.kill().count(1500L, 2000L), "count", "max"),
                row("count and max of exactly 1000", EVERYWHERE, Given.kill().count(1000L, 1000L)),
                row("a count of 0", EVERYWHERE, Given.kill().count(0L, null), "count"),
                row("a max of 1001", EVERYWHERE, Given.kill().count(1L, 1001L), "max"),
                row("more to hit than may match", EVERYWHERE, Given.kill().count(3L, 2L), "count"),
                row("a count alone: max defaults to it", EVERYWHERE, Given.kill().count(3L, null)),
                row("a kill without a target", EVERYWHERE, Given.kill().target(ChaosRules.Target.NONE), "target"),
                row("a signal no action sends", EVERYWHERE, Given.kill().signal("QUIT"), "signal"),
                row("a pause naming the STOP it sends", EVERYWHERE, Given.pause(second).signal("STOP")),
                row("a pause naming another signal", EVERYWHERE, Given.pause(second).signal("KILL"), "signal"),
                row("a pause without its duration", EVERYWHERE, Given.pause(null), "duration"),
                row("a pause of 0s", EVERYWHERE, Given.pause(Duration.ZERO), "duration"),
                row("a pause of exactly 1h", EVERYWHERE, Given.pause(Duration.ofHours(1))),
                row("a pause of 61m", EVERYWHERE, Given.pause(Duration.ofMinutes(61)), "duration"),
                row("a stop of 2h", EVERYWHERE, Given.stop(Duration.ofHours(2)), "duration"),
                row("a stop without duration where a later start or the run restores it",
                        EnumSet.of(Origin.SCENARIO, Origin.COMMAND_LINE), Given.stop(null)),
                row("a stop without duration in a step, where nothing would restore it", EnumSet.of(Origin.STEP),
                        Given.stop(null), "duration"),
                row("a start without command in a scenario or step", EnumSet.of(Origin.SCENARIO, Origin.STEP), Given.start(),
                        "command"),
                row("a start without command on the command line: it restores what the ledger owes",
                        EnumSet.of(Origin.COMMAND_LINE), Given.start()),
                row("a stop without restore", EVERYWHERE, Given.stop(second).restore(null), "restore"),
                row("a stop command of 64 arguments", EVERYWHERE, Given.stop(second).command(args(64))),
                row("a stop command of 65 arguments", EVERYWHERE, Given.stop(second).command(args(65)), "command"),
                row("a stop command without a program", EVERYWHERE, Given.stop(second).command(List.of(" ", "x")), "command"),
                row("a restore with NUL", EVERYWHERE, Given.stop(second).restore(List.of("redis-server", "a\0b")), "restore"),
                row("an argument of 4097 characters", EVERYWHERE, Given.stop(second).command(List.of("x", "y".repeat(4097))),
                        "command"),
                row("an executable name", EVERYWHERE, Given.kill().selector("redis-server", null, null)),
                row("shell text as an executable name", EVERYWHERE, Given.kill().selector("a; touch pwned", null, null), "name"),
                row("a path as an executable name", EVERYWHERE, Given.kill().selector("/usr/bin/redis", null, null), "name"),
                row("a command-line pattern", EVERYWHERE, Given.kill().selector(null, "celery .*worker", null)),
                row("a pattern that does not compile", EVERYWHERE, Given.kill().selector(null, "worker(", null), "cmdline"),
                row("a pattern of 513 characters", EVERYWHERE, Given.kill().selector(null, "w".repeat(513), null), "cmdline"),
                row("port 0", EVERYWHERE, Given.kill().selector(null, null, 0L), "port"),
                row("port 65536", EVERYWHERE, Given.kill().selector(null, null, 65_536L), "port"),
                row("a probe tried 100ms", EVERYWHERE, Given.kill().recover(true, Duration.ofMillis(100), null)),
                row("a probe tried 50ms", EVERYWHERE, Given.kill().recover(true, Duration.ofMillis(50), null), "recover.timeout"),
                row("a probe tried 2h", EVERYWHERE, Given.kill().recover(true, Duration.ofHours(2), null), "recover.timeout"),
                row("a probe timeout without a probe", EVERYWHERE, Given.kill().recover(false, Duration.ofSeconds(30), null),
                        "recover.timeout"),
                row("a probe command of 65 arguments", EVERYWHERE, Given.kill().recover(true, null, args(65)), "recover.command"),
                row("a restart of a pause", EVERYWHERE, Given.pause(second).restart(), "restart"),
                row("everything a start does not take", EVERYWHERE,
                        Given.start().target(ChaosRules.Target.GROUP).signal("KILL").count(2L, 2L).scope().duration(second)
                                .command(List.of("x")).restore(List.of("y")),
                        "target", "scope", "count", "max", "signal", "duration", "restore"),
                row("every bad value at once", EVERYWHERE,
                        Given.kill().count(0L, null).selector("a|b", "(", 0L).recover(true, Duration.ofHours(2), List.of(""))
                                .restore(List.of("x")).duration(second),
                        "count", "name", "cmdline", "port", "recover.timeout", "recover.command", "duration", "restore"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("table")
    void shouldBreakExactlyTheRulesOfTheTable(String what, Set<Origin> where, Given given, List<String> keys) {
        for (Origin origin : where) {
            List<ChaosRules.Problem> problems = ChaosRules.check(given.draft(), origin, k -> "<" + k + ">");

            assertThat(problems).as(what + " in " + origin).extracting(ChaosRules.Problem::key).containsExactlyElementsOf(keys);
            assertThat(problems).allSatisfy(p -> assertThat(p.message()).startsWith("<" + p.key() + ">"));
        }
    }

    @Test
    void shouldSayTheBoundsAndTheValueInTheFrontEndsSpelling() {
        ChaosRules.Draft d = Given.pause(Duration.ofHours(2)).count(1500L, null).recover(true, Duration.ofMillis(10), null)
                .draft();

        assertThat(ChaosRules.check(d, Origin.COMMAND_LINE, k -> "--" + k)).extracting(ChaosRules.Problem::message)
                .containsExactly("--count 1500 must be between 1 and 1000",
                        "--recover.timeout 10ms must be between 100ms and 1h",
                        "--duration 2h must be more than 0 and at most 1h");
    }

    @Test
    void shouldReadProbeAddressesWithTheSameRulesForEveryFrontEnd() {
        assertThat(ChaosLimits.probeUrl("http://127.0.0.1:8080/health")).hasHost("127.0.0.1").hasPort(8080);
        assertThat(ChaosLimits.probeUrl("https://[::1]:8443/")).hasScheme("https");
        assertThat(ChaosLimits.probeHostPort(" 127.0.0.1:6379 ")).isEqualTo("127.0.0.1:6379");
        assertThat(ChaosLimits.probeHostPort("[::1]:6379")).isEqualTo("[::1]:6379");
        for (String url : List.of("ftp://127.0.0.1/", "http://user:pw@127.0.0.1/", "http:///health", "http://127.0.0.1/\nx",
                "/health", "http://" + "a".repeat(2048))) {
            assertThat(catchThrowable(() -> ChaosLimits.probeUrl(url))).as(url).isInstanceOf(IllegalArgumentException.class);
        }
        assertThat(catchThrowable(() -> ChaosLimits.probeUrl("http://user:secret@127.0.0.1/")))
                .hasMessage("a probe URL carries no user or password (http://***@127.0.0.1/)");
        for (String tcp : List.of("6379", "host:", "host:99999", "host:0", "ho st:1", ":80", "a;b:1")) {
            assertThat(catchThrowable(() -> ChaosLimits.probeHostPort(tcp))).as(tcp).isInstanceOf(IllegalArgumentException.class);
        }
    }

    @Test
    void shouldReadSignalsWithOrWithoutSigInAnyCaseAndNameTheChoicesOtherwise() {
        assertThat(ChaosRules.signal("sigkill")).isEqualTo("KILL");
        assertThat(ChaosRules.signal(" Term ")).isEqualTo("TERM");
        assertThat(catchThrowable(() -> ChaosRules.signal("QUIT")))
                .hasMessage("\"QUIT\" is not one of TERM, KILL, INT, HUP, STOP, CONT");
        assertThat(catchThrowable(() -> ChaosRules.action("kil"))).hasMessageContaining("is not one of kill, pause, stop, start");
    }
}
