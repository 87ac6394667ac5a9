package io.stressgate.engine.load;

import io.stressgate.engine.result.RunResults;
import io.stressgate.engine.run.RunSettings;
import io.stressgate.engine.run.StressRunner;
import io.stressgate.engine.scenario.ScenarioLimits;
import io.stressgate.engine.scenario.ScenarioLoader;
import io.stressgate.engine.scenario.Variables;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;

/**
 * The load generator alone in a JVM of its own, for {@link LargeBodiesIT}: runs the scenario file it is given and
 * prints one line, {@code requests errors heapPeakBytes}, the heap peak summed over the heap's memory pools.
 */
public final class UploadGeneratorMain {
    private UploadGeneratorMain() {
    }

    public static void main(String[] args) throws Exception {
        Path scenarioFile = Path.of(args[0]);
        var scenario = new ScenarioLoader(Variables.of(Map.of()), ScenarioLimits.DEFAULTS).load(scenarioFile);
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            pool.resetPeakUsage(); // the peak of the run, not of loading the JVM
        }
        RunResults r = new StressRunner(Clock.systemUTC(), new RunSettings("upload", Path.of(args[1]), 2))
                .start(scenario, LoadListener.NONE).await();
        long peak = ManagementFactory.getMemoryPoolMXBeans().stream().filter(p -> p.getType() == MemoryType.HEAP)
                .mapToLong(p -> p.getPeakUsage().getUsed()).sum();
        System.out.println(r.all().requests() + " " + r.all().errors() + " " + peak);
    }
}
