package io.stressgate.cli;

import io.stressgate.engine.result.ExitCodes;
import io.stressgate.engine.scenario.ScenarioException;
import java.io.PrintWriter;
import picocli.CommandLine;

/**
 * The one place that maps failures to exit codes and messages, shared by the full {@code stressgate} command and the
 * agent runner ({@link AgentCommand}), so both answer the same input with the same code.
 */
final class CommandLines {
    private CommandLines() {
    }

    /** A command line for {@code root}, writing to the given streams (tests pass their own). */
    static CommandLine configure(Object root, PrintWriter out, PrintWriter err) {
        CommandLine cli = new CommandLine(root);
        cli.getCommandSpec().usageMessage().exitCodeList(ExitCodes.helpLines());
        cli.setOut(out);
        cli.setErr(err);
        cli.setExitCodeExceptionMapper(CommandLines::exitCode);
        cli.setExecutionExceptionHandler((e, line, parsed) -> {
            line.getErr().println(message(e));
            return exitCode(e);
        });
        cli.setParameterExceptionHandler((e, args) -> {
            e.getCommandLine().getErr().println(e.getMessage());
            e.getCommandLine().usage(e.getCommandLine().getErr());
            return ExitCodes.USAGE;
        });
        return cli;
    }

    private static int exitCode(Throwable e) {
        if (e instanceof ScenarioException || e instanceof CommandLine.ParameterException || e instanceof UsageException) {
            return ExitCodes.USAGE;
        }
        return ExitCodes.FAILED;
    }

    private static String message(Throwable e) {
        if (e instanceof ScenarioException || e instanceof UsageException) {
            return e.getMessage();
        }
        return "stressgate: " + e;
    }

    /** Version from the jar manifest, or "development" when run from classes. */
    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            String version = CommandLines.class.getPackage().getImplementationVersion();
            return new String[] {"stressgate " + (version == null ? "development" : version)};
        }
    }
}
