package io.stressgate.cli;

import java.io.PrintWriter;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The {@code stressgate} command of the agent runner jar ({@code stressgate-agent.jar}): only what the Jenkins steps
 * start on an agent ({@code run}, {@code chaos}, {@code orphans}, {@code merge}, {@code publish}, plus
 * {@code validate}), so that jar carries neither the reporting service nor the demo and its Redis binaries.
 * Options, outputs and exit codes are those of the full command.
 */
@Command(name = "stressgate", mixinStandardHelpOptions = true, versionProvider = CommandLines.Version.class,
        description = "Stress Gate's agent runner: the commands the pipeline steps start on an agent.",
        subcommands = {RunCommand.class, ValidateCommand.class, ChaosCommand.class, OrphansCommand.class, MergeCommand.class,
                PublishCommand.class, CommandLine.HelpCommand.class},
        exitCodeListHeading = "%nExit codes:%n")
public final class AgentCommand implements Runnable {
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

    /** The configured command line, writing to the given streams. */
    public static CommandLine commandLine(PrintWriter out, PrintWriter err) {
        return CommandLines.configure(new AgentCommand(), out, err);
    }
}
