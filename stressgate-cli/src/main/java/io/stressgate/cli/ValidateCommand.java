package io.stressgate.cli;

import io.stressgate.engine.result.ExitCodes;
import io.stressgate.engine.scenario.Quantities;
import io.stressgate.engine.scenario.Scenario;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code stressgate validate FILE}: checks a scenario and reports every problem, running nothing. */
@Command(name = "validate", description = "Checks a scenario and reports every problem with file, line, column and key; runs nothing.")
final class ValidateCommand implements Callable<Integer> {
    @Mixin
    private ScenarioOptions scenario;

    @Spec
    private CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        Scenario s = scenario.load();
        spec.commandLine().getOut().printf("%s: valid: \"%s\", %d phase%s, %d gate%s, %s of scheduled load%n", scenario.file,
                s.name(), s.load().size(), s.load().size() == 1 ? "" : "s", s.gates().size(), s.gates().size() == 1 ? "" : "s",
                Quantities.format(s.scheduledDuration()));
        if (s.gates().isEmpty()) {
            spec.commandLine().getErr().printf("%s: warning: the scenario has no gates, so its verdict rests only on the run "
                    + "completing and one iteration succeeding; add gates such as http.error_rate < 1%%%n", scenario.file);
        }
        return ExitCodes.PASSED;
    }
}
