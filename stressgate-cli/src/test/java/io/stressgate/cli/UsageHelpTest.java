package io.stressgate.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.stressgate.engine.result.ExitCodes;
import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;

class UsageHelpTest {
    /** The usage text a command prints (picocli prints it after a wrong or missing argument, as for --help). */
    private static String help(String command) {
        return StressGateCommand.commandLine(new PrintWriter(new StringWriter(), true), new PrintWriter(new StringWriter(), true))
                .getSubcommands().get(command).getUsageMessage();
    }

    @Test
    void shouldNameTheScenarioVariableInTheHelpOfEveryCommandThatReadsAScenario() {
        for (String command : new String[] {"run", "validate", "demo"}) {
            assertThat(help(command)).as(command).contains("--var=NAME=value", "${NAME} in the scenario").doesNotContain("null");
        }
    }

    @Test
    void shouldListEveryExitCodeOfTheOneTableInTheTopLevelHelp() {
        String top = StressGateCommand.commandLine(new PrintWriter(new StringWriter(), true), new PrintWriter(new StringWriter(), true))
                .getUsageMessage();

        assertThat(top).contains("Exit codes:", "0   PASSED", "1   FAILED (a fail gate broke", "2   invalid input or usage",
                "3   UNSTABLE", "4   chaos action refused", "5   PENDING");
        assertThat(ExitCodes.meaning(ExitCodes.REFUSED)).isEqualTo("4: refused by a safety rule");
        assertThat(ExitCodes.meaning(137)).startsWith("137: not a stressgate exit code");
    }

    @Test
    void shouldOfferVerboseOnEveryCommand() {
        for (String command : new String[] {"run", "serve", "publish", "merge"}) {
            assertThat(help(command)).as(command).contains("--verbose");
        }
    }

    @Test
    void shouldDescribeTheFilesRootOption() {
        assertThat(help("run")).contains("--files-root=DIR", "bodyFile and multipart files");
    }
}
