package io.stressgate.cli;

import picocli.CommandLine;

/** {@code --verbose} on every command. The mains read it before picocli runs (logging is set up before the first logger). */
final class VerboseOption {
    @CommandLine.Option(names = ConsoleLogging.VERBOSE, scope = CommandLine.ScopeType.INHERIT,
            description = "Show the libraries' log lines too (connection pools, web server, migrations) and Stress Gate's debug lines.")
    private boolean verbose;
}
