package io.stressgate.cli;

import java.io.PrintWriter;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The top-level {@code stressgate} command and its subcommands; failures map to exit codes in {@link CommandLines}. */
@Command(name = "stressgate", mixinStandardHelpOptions = true, versionProvider = CommandLines.Version.class,
        description = "Load, chaos and leak testing as a CI pipeline step.",
        subcommands = {RunCommand.class, ValidateCommand.class, DemoCommand.class, ChaosCommand.class, OrphansCommand.class,
                CompareCommand.class, ServeCommand.class, PublishCommand.class, MergeCommand.class, ImportCommand.class, CommandLine.HelpCommand.class},
        exitCodeListHeading = "%nExit codes:%n")
public final class StressGateCommand implements Runnable {
    @CommandLine.Spec
    private CommandLine.Model.CommandSpec spec;

    @CommandLine.Mixin
    private VerboseOption verbose;

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
        return CommandLines.configure(new StressGateCommand(), out, err);
    }
}
