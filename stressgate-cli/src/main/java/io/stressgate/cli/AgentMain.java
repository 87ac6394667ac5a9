package io.stressgate.cli;

/** Entry point of the agent runner jar ({@code stressgate-agent.jar}). */
public final class AgentMain {
    private AgentMain() {
    }

    public static void main(String[] args) {
        ConsoleLogging.configure(java.util.List.of(args));
        System.exit(AgentCommand.execute(args));
    }
}
