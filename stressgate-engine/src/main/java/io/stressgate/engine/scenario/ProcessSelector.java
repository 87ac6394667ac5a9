package io.stressgate.engine.scenario;

import java.util.regex.Pattern;

/**
 * A named group of processes to watch, sample and hurt: the processes of a service the run started, or processes
 * already running found by pid file, executable name, command-line regex or listening port. With {@code tree}
 * the group includes every descendant.
 */
public record ProcessSelector(String name, String service, String pidFile, String executable, Pattern cmdline,
                              Integer port, boolean tree, Location location) {

    /** A selector that watches a service started by the run. */
    public static ProcessSelector ofService(String service, Location location) {
        return new ProcessSelector(service, service, null, null, null, null, true, location);
    }

    /** How the selector finds its processes, for messages. */
    public String describe() {
        if (service != null) {
            return "service " + service;
        }
        if (pidFile != null) {
            return "pid file " + pidFile;
        }
        if (executable != null) {
            return "name " + executable;
        }
        if (cmdline != null) {
            return "command line /" + cmdline.pattern() + "/";
        }
        return "port " + port;
    }
}
