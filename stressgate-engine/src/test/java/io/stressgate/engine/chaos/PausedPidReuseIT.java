package io.stressgate.engine.chaos;

import static org.assertj.core.api.Assertions.assertThat;

import io.stressgate.engine.process.CommandRunner;
import io.stressgate.engine.process.ProcFs;
import io.stressgate.engine.process.ProcStat;
import io.stressgate.engine.process.ProcessInfo;
import io.stressgate.engine.process.Signal;
import io.stressgate.engine.process.SignalSender;
import io.stressgate.engine.result.ChaosEvent;
import io.stressgate.engine.scenario.ChaosSpec;
import io.stressgate.engine.testsupport.Children;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A paused process whose pid comes to belong to another process before its CONT: nothing may be sent to the
 * stranger, and the pause must say so and fail. PID reuse cannot be forced on a machine with a large pid space, so
 * the chaos code reads a copy of the paused process's /proc entry whose start time the test changes mid-pause,
 * while signals go to the real process.
 */
class PausedPidReuseIT {
    @TempDir
    Path dir;

    private final Children children = new Children();

    @AfterEach
    void stop() throws InterruptedException {
        children.close();
    }

    @Test
    void shouldSendNoContToAReusedPidAndFailNamingTheReuse() throws Exception {
        Process sleeper = children.start(List.of("sleep", "60"), Map.of());
        Path fakeProc = dir.resolve("proc");
        Path entry = copyEntry(sleeper.pid(), fakeProc);
        ChaosContext context = context(new ProcFs(fakeProc));
        ProcessInfo target = context.proc().process(sleeper.pid()).orElseThrow();
        ChaosOrder pause = new ChaosOrder("freeze", ChaosSpec.Action.PAUSE, Signal.STOP, ChaosSpec.Scope.PROCESS, 1, 1,
                Duration.ofSeconds(2), List.of(), List.of(), ChaosSpec.Recovery.NONE, null, false, false, false);
        ExecutorService pool = Executors.newSingleThreadExecutor();
        try {
            Future<ChaosEvent> running = pool.submit(() -> new ChaosExecutor(context).execute(pause,
                    () -> new Selection(List.of(sleeper.pid()), List.of(target), "pid " + sleeper.pid()), "test"));
            assertThat(Children.await(() -> state(sleeper.pid()) == 'T', Duration.ofSeconds(5))).as("STOP arrived").isTrue();
            Files.writeString(entry.resolve("stat"), restarted(Files.readString(entry.resolve("stat"))));

            ChaosEvent event = running.get(30, TimeUnit.SECONDS);

            assertThat(event.outcome()).isEqualTo(ChaosEvent.Outcome.FAILED);
            assertThat(event.message()).contains("CONT not sent: pid " + sleeper.pid() + " now belongs to another process",
                    "nothing was sent");
            assertThat(state(sleeper.pid())).as("no CONT went to the pid").isEqualTo('T');
        } finally {
            pool.shutdownNow();
        }
    }

    private ChaosContext context(ProcFs proc) {
        long self = ProcessHandle.current().pid();
        ProcessInfo me = ProcFs.system().process(self).orElseThrow();
        Path state = dir.resolve("state");
        CommandRunner runner = new CommandRunner(dir.resolve("tmp"));
        SignalSender sender = new SignalSender(proc, runner);
        AuditLog audit = new AuditLog(state, Clock.systemUTC(), self);
        RestoreLedger ledger = new RestoreLedger(state, Clock.systemUTC(), proc, me.key());
        Restorer restorer = new Restorer(ledger, runner, sender, audit, Duration.ofSeconds(10));
        ChaosGuard guard = new ChaosGuard(proc, new KillSwitch(Map.of(), state), self, me.uid());
        return new ChaosContext(proc, guard, sender, ledger, restorer, runner, null, audit, dir, Duration.ofSeconds(10),
                System.nanoTime());
    }

    private static Path copyEntry(long pid, Path fakeProc) throws Exception {
        Path entry = Files.createDirectories(fakeProc.resolve(Long.toString(pid)));
        for (String file : List.of("stat", "status", "cmdline")) {
            Files.write(entry.resolve(file), Files.readAllBytes(Path.of("/proc", Long.toString(pid), file)));
        }
        return entry;
    }

    /** The same stat line with a later start time: what /proc shows when another process got the pid. */
    private static String restarted(String stat) {
        int close = stat.lastIndexOf(')');
        String[] fields = stat.substring(close + 2).split(" ", -1);
        fields[19] = Long.toString(Long.parseLong(fields[19]) + 1);
        return stat.substring(0, close + 2) + String.join(" ", fields);
    }

    private static char state(long pid) {
        return ProcFs.system().stat(pid).map(ProcStat::state).orElse('?');
    }
}
