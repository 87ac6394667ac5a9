package io.stressgate.engine.step;

import java.util.ArrayList;
import java.util.List;

/** How {@code chaosKill} selects its target processes: exactly one of a pid, a pid file, an executable name, a command-line regex or a listening port. */
public sealed interface ChaosTarget {
    /** The selector as CLI options. */
    List<String> options();

    /** One process id; ids 0 and 1 and negative ids are refused here already (the CLI refuses them too). */
    record Pid(long pid) implements ChaosTarget {
        public List<String> options() {
            return List.of("--pid", Long.toString(pid));
        }
    }

    /** A file, relative to the workspace, holding the pid. */
    record PidFile(String path) implements ChaosTarget {
        public List<String> options() {
            return List.of("--pid-file", path);
        }
    }

    /** The executable name, such as {@code redis-server}. */
    record Name(String name) implements ChaosTarget {
        public List<String> options() {
            return List.of("--name", name);
        }
    }

    /** A regular expression over the whole command line. */
    record Cmdline(String regex) implements ChaosTarget {
        public List<String> options() {
            return List.of("--cmdline", regex);
        }
    }

    /** The process listening on a local TCP port. */
    record Port(int port) implements ChaosTarget {
        public List<String> options() {
            return List.of("--port", Integer.toString(port));
        }
    }

    /**
     * The one selector given, or null with problems when there is none, several, or an invalid pid or pid file; the
     * values of the others are checked with the action ({@link io.stressgate.engine.scenario.ChaosRules}).
     */
    static ChaosTarget parse(Long pid, String pidFile, String name, String cmdline, Integer port, ArgumentProblems problems) {
        List<ChaosTarget> given = new ArrayList<>();
        if (pid != null) {
            if (pid <= 1) {
                problems.add("pid", pid + " is never a valid target (0, 1 and negative ids address the system or a group)");
            } else {
                given.add(new Pid(pid));
            }
        }
        if (pidFile != null) {
            String problem = WorkspacePaths.problem(pidFile);
            if (problem != null) {
                problems.add("pidFile", problem);
            } else {
                given.add(new PidFile(WorkspacePaths.normalize(pidFile)));
            }
        }
        // a name, pattern or port that breaks the rules of every chaos action is reported by ChaosRules
        if (name != null) {
            given.add(new Name(name));
        }
        if (cmdline != null) {
            given.add(new Cmdline(cmdline));
        }
        if (port != null) {
            given.add(new Port(port));
        }
        int named = (pid != null ? 1 : 0) + (pidFile != null ? 1 : 0) + (name != null ? 1 : 0) + (cmdline != null ? 1 : 0)
                + (port != null ? 1 : 0);
        if (named == 0) {
            problems.add("pid", "a target is required: give exactly one of pid, pidFile, name, cmdline or port");
        } else if (named > 1) {
            problems.add("pid", named + " targets are given; give exactly one of pid, pidFile, name, cmdline or port");
        }
        return named == 1 && given.size() == 1 ? given.get(0) : null;
    }
}
