package io.stressgate.engine.run;

import static org.assertj.core.api.Assertions.assertThat;

import io.stressgate.engine.load.LoadListener;
import io.stressgate.engine.result.RunResults;
import io.stressgate.engine.result.RunStatus;
import io.stressgate.engine.result.Verdict;
import io.stressgate.engine.scenario.ScenarioLimits;
import io.stressgate.engine.scenario.ScenarioLoader;
import io.stressgate.engine.scenario.Variables;
import io.stressgate.engine.testing.TestTarget;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A signal while a service is still starting: the run does not wait out the readiness timeout, stops the service,
 * and ends INTERRUPTED with the signal as its reason (it used to end ERROR, "a service did not start", after the
 * whole timeout).
 */
class SignalDuringStartIT {
    @TempDir
    Path dir;

    @Test
    void shouldEndInterruptedAndStopTheServiceWhenASignalComesWhileItStarts() throws Exception {
        int closedPort;
        try (ServerSocket s = new ServerSocket(0)) {
            closedPort = s.getLocalPort();
        }
        Path pidFile = dir.resolve("api.pid");
        long pid = -1;
        try (TestTarget target = TestTarget.fast()) {
            StressRun run = new StressRunner(Clock.systemUTC(), new RunSettings("signal-start-" + System.nanoTime(), dir, 1))
                    .start(new ScenarioLoader(Variables.of(Map.of("TARGET", target.url(), "PIDFILE", pidFile.toString(),
                            "PORT", Integer.toString(closedPort))), ScenarioLimits.DEFAULTS).parse("start.yml", """
                            name: never ready
                            target: ${TARGET}
                            load:
                              - {name: trickle, executor: constant-arrival-rate, rate: 5/s, duration: 2s, request: {path: /}}
                            services:
                              - name: api
                                command: [sh, -c, "echo $$ > ${PIDFILE}; exec sleep 120"]
                                ready: {tcp: "127.0.0.1:${PORT}", timeout: 100s, interval: 100ms}
                            orphans: {enabled: false}
                            """, dir), LoadListener.NONE);
            for (int i = 0; i < 300 && !Files.exists(pidFile); i++) {
                Thread.sleep(50);
            }
            assertThat(pidFile).as("the service started").exists();
            for (int i = 0; i < 100 && Files.readString(pidFile).isBlank(); i++) {
                Thread.sleep(20);
            }
            pid = Long.parseLong(Files.readString(pidFile).trim());
            assertThat(ProcessHandle.of(pid)).as("the service runs while the run waits for it").isPresent();

            run.interrupt("SIGTERM");
            RunResults r = CompletableFuture.supplyAsync(() -> {
                try {
                    return run.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException(e);
                }
            }).get(60, TimeUnit.SECONDS); // far below the 100 s readiness timeout the run used to wait out

            assertThat(r.status()).isEqualTo(RunStatus.INTERRUPTED);
            assertThat(r.statusReason()).contains("SIGTERM").contains("before the load started");
            assertThat(r.verdict()).isNotEqualTo(Verdict.PASSED);
            long servicePid = pid;
            assertThat(ProcessHandle.of(servicePid).map(ProcessHandle::isAlive).orElse(false))
                    .as("the service was stopped").isFalse();
        } finally {
            if (pid > 0) {
                ProcessHandle.of(pid).ifPresent(ProcessHandle::destroyForcibly);
            }
        }
    }
}
