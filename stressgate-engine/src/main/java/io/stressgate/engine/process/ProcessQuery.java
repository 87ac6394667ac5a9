package io.stressgate.engine.process;

import io.stressgate.engine.scenario.ProcessSelector;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * How to find processes already running: explicit pids, a pid file, an executable name, a command-line regex or a
 * listening TCP port. Every criterion given must hold (they narrow each other); at least one is required.
 */
public record ProcessQuery(Set<Long> pids, Path pidFile, String exe, Pattern cmdline, Integer port) {
    public ProcessQuery {
        pids = Set.copyOf(pids);
        if (pids.isEmpty() && pidFile == null && exe == null && cmdline == null && port == null) {
            throw new IllegalArgumentException("say which processes: a pid, a pid file, a name, a command-line pattern or a port");
        }
    }

    /** The query of a scenario's process selector (one that does not name a service). */
    public static ProcessQuery of(ProcessSelector selector) {
        if (selector.service() != null) {
            throw new IllegalArgumentException("process group " + selector.name() + " follows service " + selector.service()
                    + "; its processes come from the service manager");
        }
        return new ProcessQuery(Set.of(), selector.pidFile() == null ? null : Path.of(selector.pidFile()),
                selector.executable(), selector.cmdline(), selector.port());
    }

    /** The criteria, for messages: {@code pid 12, name nginx}. */
    public String describe() {
        List<String> parts = new ArrayList<>();
        pids.stream().sorted().forEach(p -> parts.add("pid " + p));
        if (pidFile != null) {
            parts.add("pid file " + pidFile);
        }
        if (exe != null) {
            parts.add("name " + exe);
        }
        if (cmdline != null) {
            parts.add("command line /" + cmdline.pattern() + "/");
        }
        if (port != null) {
            parts.add("port " + port);
        }
        return String.join(", ", parts);
    }
}
