package io.stressgate.cli;

import io.stressgate.engine.result.ExitCodes;
import io.stressgate.engine.scenario.ScenarioException;
import java.io.PrintWriter;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The top-level {@code stressgate} command: its subcommands and the one place that maps failures to exit codes. */
@Command(name = "stressgate", mixinStandardHelpOptions = true, versionProvider = StressGateCommand.Version.class,
        description = "Load, chaos and leak testing as a CI pipeline step.",
        subcommands = {RunCommand.class, ValidateCommand.class, DemoCommand.class, ChaosCommand.class, OrphansCommand.class,
                CompareCommand.class, ServeCommand.class, PublishCommand.class, MergeCommand.class, CommandLine.HelpCommand.class},
        exitCodeListHeading = "%nExit codes:%n")
public final class StressGateCommand implements Runnable {
    @CommandLine.Spec
    private CommandLine.Model.CommandSpec spec;

    /** Read by {@link Main} before picocli runs (logging is set up before the first logger); declared here for help. */
    @CommandLine.Option(names = ConsoleLogging.VERBOSE, scope = CommandLine.ScopeType.INHERIT,
            description = "Show the libraries' log lines too (connection pools, web server, migrations) and Stress Gate's debug lines.")
    private boolean verbose;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "a command is required");
    }

    /** Runs the command line and returns the exit code. */
    public static int execute(String... args) {
        return commandLine(new PrintWriter(System.out, true), new PrintWriter(System.err, true)).execute(args);
    }

    /** The configured command line, writing to the given streams (tests pass their own). */
    public static CommandLine commandLine(PrintWriter out, PrintWriter err) {
        CommandLine cli = new CommandLine(new StressGateCommand());
        cli.getCommandSpec().usageMessage().exitCodeList(ExitCodes.helpLines());
        cli.setOut(out);
        cli.setErr(err);
        cli.setExitCodeExceptionMapper(StressGateCommand::exitCode);
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
            String version = StressGateCommand.class.getPackage().getImplementationVersion();
            return new String[] {"stressgate " + (version == null ? "development" : version)};
        }
    }
}
