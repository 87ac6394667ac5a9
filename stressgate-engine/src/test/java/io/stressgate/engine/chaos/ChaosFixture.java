package io.stressgate.engine.chaos;

import io.stressgate.engine.process.CommandRunner;
import io.stressgate.engine.process.ProcFs;
import io.stressgate.engine.process.ProcessFinder;
import io.stressgate.engine.process.ProcessInfo;
import io.stressgate.engine.process.ProcessQuery;
import io.stressgate.engine.process.ServiceManager;
import io.stressgate.engine.process.Signal;
import io.stressgate.engine.process.SignalSender;
import io.stressgate.engine.scenario.ChaosSpec;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** A real chaos executor over real /proc, with its state directory in a test's temporary directory. */
final class ChaosFixture {
    final ProcFs proc = ProcFs.system();
    final long self = ProcessHandle.current().pid();
    final ProcessInfo me = proc.process(self).orElseThrow();
    final Path stateDir;
    final Path workdir;
    final CommandRunner runner;
    final SignalSender sender;
    final RestoreLedger ledger;
    final Restorer restorer;
    final ChaosContext context;
    final ChaosExecutor executor;
    final ProcessFinder finder = new ProcessFinder(proc, self);

    ChaosFixture(Path dir, Map<String, String> environment, ServiceManager services) {
        this.stateDir = dir.resolve("state");
        this.workdir = dir;
        this.context = ChaosContext.forThisProcess(stateDir, dir.resolve("tmp"), environment, dir, services, Clock.systemUTC(),
                Duration.ofSeconds(10), System.nanoTime());
        this.runner = context.runner();
        this.sender = context.sender();
        this.ledger = context.ledger();
        this.restorer = context.restorer();
        this.executor = new ChaosExecutor(context);
    }

    static ProcFs procFs() {
        return ProcFs.system();
    }

    ChaosFixture(Path dir) {
        this(dir, Map.of(), null);
    }

    /** The selection the command line makes from pids, as the CLI does. */
    Selection pids(long... pids) {
        List<Long> list = java.util.Arrays.stream(pids).boxed().toList();
        return new Selection(list, finder.find(new ProcessQuery(Set.copyOf(list), null, null, null, null)), "pid " + list);
    }

    static ChaosOrder kill(Signal signal, ChaosSpec.Scope scope, int count, int max) {
        return new ChaosOrder("kill", ChaosSpec.Action.KILL, signal, scope, count, max, null, List.of(), List.of(),
                ChaosSpec.Recovery.NONE, null, false, false, false);
    }

    static ChaosOrder kill(Signal signal) {
        return kill(signal, ChaosSpec.Scope.PROCESS, 1, 1);
    }

    static ChaosOrder stop(List<String> command, List<String> restore, Duration duration, ChaosSpec.Recovery recovery) {
        return new ChaosOrder("outage", ChaosSpec.Action.STOP, Signal.TERM, ChaosSpec.Scope.PROCESS, 1, 1, duration, command,
                restore, recovery, null, false, false, false);
    }
}
