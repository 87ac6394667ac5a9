package io.stressgate.engine.testprograms;

import io.stressgate.engine.chaos.RestoreLedger;
import io.stressgate.engine.process.ProcFs;
import io.stressgate.engine.process.ProcessKey;
import io.stressgate.engine.result.MetricValue;
import io.stressgate.engine.run.HarnessSettings;
import io.stressgate.engine.run.SystemHarness;
import io.stressgate.engine.scenario.Scenario;
import io.stressgate.engine.scenario.ScenarioLimits;
import io.stressgate.engine.scenario.ScenarioLoader;
import io.stressgate.engine.scenario.Variables;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;

/**
 * A run that is aborted while chaos owes a restore: loads a scenario, starts its chaos through the harness, prints
 * "owed" once the ledger holds the restore, then waits up to 60 seconds to be killed. Arguments: scenario file,
 * state directory, output directory.
 */
public final class LedgerVictim {
    private LedgerVictim() {
    }

    public static void main(String[] args) throws Exception {
        Scenario scenario = new ScenarioLoader(Variables.of(Map.of()), ScenarioLimits.DEFAULTS).load(Path.of(args[0]));
        Path stateDir = Path.of(args[1]);
        HarnessSettings settings = new HarnessSettings(Path.of(args[2]), stateDir, "victim", Map.of(), Path.of(args[2]),
                false, Duration.ofSeconds(10), Duration.ofMillis(50), Duration.ofSeconds(1));
        SystemHarness harness = new SystemHarness(scenario.system(), settings, Clock.systemUTC(), System.nanoTime());
        harness.startChaos(metric -> MetricValue.missing("none"), System.nanoTime());
        ProcFs proc = ProcFs.system();
        long self = ProcessHandle.current().pid();
        ProcessKey key = proc.stat(self).orElseThrow().key();
        RestoreLedger ledger = new RestoreLedger(stateDir, Clock.systemUTC(), proc, key);
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (ledger.mine().isEmpty() && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        Thread.sleep(100); // the stop command or STOP signal follows the ledger entry at once
        System.out.println(ledger.mine().isEmpty() ? "nothing owed" : "owed");
        System.out.flush();
        Thread.sleep(60_000);
        harness.close();
    }
}
