package io.stressgate.cli;

import static org.assertj.core.api.Assertions.assertThat;

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
    void shouldDescribeTheFilesRootOption() {
        assertThat(help("run")).contains("--files-root=DIR", "bodyFile and multipart files");
    }
}
