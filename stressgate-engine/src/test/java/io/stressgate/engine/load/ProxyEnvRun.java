package io.stressgate.engine.load;

import io.stressgate.engine.result.RunResults;
import io.stressgate.engine.run.RunSettings;
import io.stressgate.engine.run.StressRunner;
import io.stressgate.engine.scenario.ScenarioLimits;
import io.stressgate.engine.scenario.ScenarioLoader;
import io.stressgate.engine.scenario.Variables;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;

/**
 * A test program: runs the scenario file given as its first argument (output under the second) in a JVM of its
 * own, so that a test can set its environment (proxy variables), and prints the figures the test checks.
 */
public final class ProxyEnvRun {
    private ProxyEnvRun() {
    }

    public static void main(String[] args) throws Exception {
        Path file = Path.of(args[0]);
        var scenario = new ScenarioLoader(Variables.of(Map.of()), ScenarioLimits.DEFAULTS)
                .parse(file.getFileName().toString(), Files.readString(file), file.getParent());
        Path out = Files.createDirectories(Path.of(args[1]));
        RunResults r = new StressRunner(Clock.systemUTC(), new RunSettings("env", out, 1))
                .start(scenario, LoadListener.NONE).await();
        System.out.println("status: " + r.status() + " " + r.statusReason());
        System.out.println("figures: requests=" + r.all().requests() + " errors=" + r.all().errors() + " kinds=" + r.all().errorKinds());
        System.exit(0);
    }
}
