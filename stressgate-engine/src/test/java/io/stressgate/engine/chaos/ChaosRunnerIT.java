package io.stressgate.engine.chaos;

import static org.assertj.core.api.Assertions.assertThat;

import io.stressgate.engine.result.ChaosEvent;
import io.stressgate.engine.result.MetricValue;
import io.stressgate.engine.scenario.Scenario;
import io.stressgate.engine.scenario.ScenarioLimits;
import io.stressgate.engine.scenario.ScenarioLoader;
import io.stressgate.engine.scenario.Variables;
import io.stressgate.engine.testsupport.Children;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ChaosRunnerIT {
    private static final String HEAD = """
            name: chaos
            target: http://127.0.0.1:1
            load:
              - {name: main, executor: constant-vus, vus: 1, duration: 10s, request: {path: /}}
            redis: redis://127.0.0.1:6379
            queues:
              - {name: default}
            """;

    @TempDir
    Path dir;

    private final Children children = new Children();
    private ChaosRunner runner;

    @AfterEach
    void stopEverything() throws InterruptedException {
        if (runner != null) {
            runner.stop();
        }
        children.close();
    }

    /** Starts a sleeper and writes its pid file, so a scenario can name it as a process group. */
    private Path sleeper(String name) throws Exception {
        Process p = children.start(List.of("sleep", "30"), Map.of());
        return Files.writeString(dir.resolve(name + ".pid"), Long.toString(p.pid()));
    }

    private ChaosRunner runner(String system) throws Exception {
        Scenario scenario = new ScenarioLoader(Variables.of(Map.of()), ScenarioLimits.DEFAULTS).parse("c.yml", HEAD + system, dir);
        ChaosFixture chaos = new ChaosFixture(dir);
        TargetResolver resolver = new TargetResolver(scenario.system(), null, chaos.finder, chaos.proc);
        runner = new ChaosRunner(scenario.system().chaos(), chaos.executor, resolver, () -> { }, false, Duration.ofMillis(20),
                Duration.ofSeconds(20));
        return runner;
    }

    private static long pid(Path pidFile) throws Exception {
        return Long.parseLong(Files.readString(pidFile).trim());
    }

    @Test
    void shouldFireEachActionAtItsOffsetFromTheLoadStart() throws Exception {
        Path a = sleeper("a");
        Path b = sleeper("b");
        long loadStart = System.nanoTime();
        runner("""
                processes:
                  - {name: a, pidFile: a.pid}
                  - {name: b, pidFile: b.pid}
                chaos:
                  - {name: late, at: 600ms, action: kill, target: b}
                  - {name: early, at: 200ms, action: kill, target: a, signal: KILL}
                """).start(metric -> MetricValue.missing("none"), loadStart);

        assertThat(Children.await(() -> runner.events().size() == 2, Duration.ofSeconds(10))).isTrue();

        List<ChaosEvent> events = runner.stop();
        assertThat(events).extracting(ChaosEvent::name).containsExactly("early", "late");
        assertThat(events.get(0).atMs()).isBetween(150L, 5_000L);
        assertThat(events.get(1).atMs()).isGreaterThanOrEqualTo(550L);
        assertThat(events).extracting(ChaosEvent::trigger).containsExactly("at 200ms", "at 600ms");
        assertThat(events.get(0).targets()).extracting(ChaosEvent.Target::pid).containsExactly(pid(a));
        assertThat(ProcessHandle.of(pid(a)).map(ProcessHandle::isAlive).orElse(false)).isFalse();
    }

    @Test
    void shouldFireOnceWhenTheConditionFirstHolds() throws Exception {
        sleeper("a");
        AtomicReference<Double> depth = new AtomicReference<>(10.0);
        runner("""
                processes:
                  - {name: a, pidFile: a.pid}
                chaos:
                  - {name: busy, when: "queue{name=default}.depth > 50", action: pause, target: a, duration: 100ms}
                """).start(metric -> metric.family().equals("queue") ? MetricValue.of(depth.get()) : MetricValue.missing("?"),
                System.nanoTime());
        Thread.sleep(300);
        assertThat(runner.events()).isEmpty();

        depth.set(60.0);

        assertThat(Children.await(() -> runner.events().size() == 1, Duration.ofSeconds(10))).isTrue();
        Thread.sleep(300);
        assertThat(runner.stop()).singleElement().satisfies(e -> {
            assertThat(e.trigger()).isEqualTo("when queue{name=default}.depth > 50 (it was 60)");
            assertThat(e.outcome()).isEqualTo(ChaosEvent.Outcome.DONE);
        });
    }

    @Test
    void shouldCancelWhatHasNotFiredAndContinueWhatIsPausedWhenStopped() throws Exception {
        Path a = sleeper("a");
        runner("""
                processes:
                  - {name: a, pidFile: a.pid}
                chaos:
                  - {name: freeze, at: 0s, action: pause, target: a, duration: 60s}
                  - {name: never, at: 60s, action: kill, target: a, signal: KILL}
                """).start(metric -> MetricValue.missing("none"), System.nanoTime());
        ChaosFixture probe = new ChaosFixture(dir);
        long paused = pid(a);
        assertThat(Children.await(() -> probe.proc.stat(paused).orElseThrow().state() == 'T', Duration.ofSeconds(10))).isTrue();

        long before = System.nanoTime();
        List<ChaosEvent> events = runner.stop();

        assertThat(Duration.ofNanos(System.nanoTime() - before)).isLessThan(Duration.ofSeconds(10));
        assertThat(probe.proc.stat(paused).orElseThrow().state()).isEqualTo('S');
        assertThat(events).singleElement().satisfies(e -> assertThat(e.message()).contains("cut short when chaos stopped"));
    }

    @Test
    void shouldRestoreAStopWithoutDurationWhenChaosStops() throws Exception {
        Path restored = dir.resolve("restored");
        runner("""
                chaos:
                  - {name: outage, at: 0s, action: stop, command: ["true"], restore: [touch, "%s"], recover: {command: [test, -e, "%s"]}}
                """.formatted(restored, restored)).start(metric -> MetricValue.missing("none"), System.nanoTime());
        assertThat(Children.await(() -> runner.events().size() == 1, Duration.ofSeconds(10))).isTrue();
        Thread.sleep(200);
        assertThat(restored).doesNotExist();

        List<ChaosEvent> events = runner.stop();

        assertThat(restored).exists();
        assertThat(events).singleElement().satisfies(e -> {
            assertThat(e.outcome()).isEqualTo(ChaosEvent.Outcome.DONE);
            assertThat(e.restoredAfterMs()).isGreaterThanOrEqualTo(200L);
            assertThat(e.recoveredAfterMs()).isNotNull();
        });
    }
}
