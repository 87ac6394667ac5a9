package io.stressgate.cli;

import io.stressgate.engine.scenario.Scenario;
import io.stressgate.engine.scenario.ScenarioException;
import io.stressgate.engine.scenario.ScenarioLimits;
import io.stressgate.engine.scenario.ScenarioLoader;
import io.stressgate.engine.scenario.Variables;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** The scenario file and its variables, shared by the commands that read a scenario. */
final class ScenarioOptions {
    @Parameters(index = "0", paramLabel = "FILE", description = "The scenario file (YAML, or JSON by extension).")
    Path file;

    @Option(names = "--var", paramLabel = "NAME=value",
            // picocli reads ${NAME} as one of its own variables (and printed "null"): $$ keeps the dollar
            description = "Sets $${NAME} in the scenario (wins over the environment). Repeatable.")
    Map<String, String> vars = new LinkedHashMap<>();

    @Option(names = "--files-root", paramLabel = "DIR",
            description = "The folder bodyFile and multipart files must lie in (default: the scenario's folder).")
    Path filesRoot;

    Scenario load() throws ScenarioException {
        return new ScenarioLoader(new Variables(vars, System.getenv()), ScenarioLimits.DEFAULTS, filesRoot).load(file);
    }
}
