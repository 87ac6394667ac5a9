package io.stressgate.cli;

import java.util.List;

/**
 * What reaches the console: Stress Gate's own log lines at INFO, the libraries' (connection pools, the web server,
 * migrations) only when they warn, unless {@code --verbose} asks for all of them. Set before the first logger exists,
 * since slf4j-simple reads its levels once; a level set with {@code -D} on the java command line is kept.
 */
final class ConsoleLogging {
    static final String VERBOSE = "--verbose";
    private static final String PREFIX = "org.slf4j.simpleLogger.";

    private ConsoleLogging() {
    }

    static void configure(List<String> args) {
        boolean verbose = args.contains(VERBOSE);
        setIfAbsent(PREFIX + "defaultLogLevel", verbose ? "info" : "warn");
        setIfAbsent(PREFIX + "log.io.stressgate", verbose ? "debug" : "info");
    }

    private static void setIfAbsent(String key, String value) {
        if (System.getProperty(key) == null) {
            System.setProperty(key, value);
        }
    }
}
