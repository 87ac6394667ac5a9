package io.stressgate.cli;

/** Entry point of the stressgate command. */
public final class Main {
    private Main() {
    }

    public static void main(String[] args) {
        ConsoleLogging.configure(java.util.List.of(args));
        System.exit(StressGateCommand.execute(args));
    }
}
