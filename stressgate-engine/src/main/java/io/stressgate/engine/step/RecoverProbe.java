package io.stressgate.engine.step;

import io.stressgate.engine.scenario.ChaosLimits;
import java.net.URI;
import java.util.List;

/** How {@code chaosKill} checks that the system recovered: an HTTP URL answering 2xx, a TCP port accepting, or a command exiting 0. */
public sealed interface RecoverProbe {
    /** The probe as CLI options. */
    List<String> options();

    /** An http or https URL. */
    record Http(URI url) implements RecoverProbe {
        public List<String> options() {
            return List.of("--recover-http", url.toString());
        }
    }

    /** A host and port. */
    record Tcp(String host, int port) implements RecoverProbe {
        public List<String> options() {
            return List.of("--recover-tcp", host + ":" + port);
        }
    }

    /** A command as an argument list, run without a shell. */
    record Command(List<String> command) implements RecoverProbe {
        public Command {
            command = List.copyOf(command);
        }

        public List<String> options() {
            return List.of("--recover-cmd", CommandList.toJson(command));
        }
    }

    /** At most one probe; null when none is given or the one given is invalid (then with a problem). */
    static RecoverProbe parse(String http, String tcp, List<?> command, ArgumentProblems problems) {
        int given = (http != null ? 1 : 0) + (tcp != null ? 1 : 0) + (command != null ? 1 : 0);
        if (given > 1) {
            problems.add("recoverHttp", "give at most one of recoverHttp, recoverTcp and recoverCommand");
            return null;
        }
        if (http != null) {
            try {
                return new Http(ChaosLimits.probeUrl(http));
            } catch (IllegalArgumentException e) {
                problems.add("recoverHttp", DisplayText.clamp(e.getMessage(), 200));
                return null;
            }
        }
        if (tcp != null) {
            return tcp(tcp, problems);
        }
        if (command != null) {
            List<String> list = CommandList.parse("recoverCommand", command, problems);
            return list == null ? null : new Command(list);
        }
        return null;
    }

    private static RecoverProbe tcp(String text, ArgumentProblems problems) {
        try {
            String hostPort = ChaosLimits.probeHostPort(text);
            int colon = hostPort.lastIndexOf(':');
            return new Tcp(hostPort.substring(0, colon), Integer.parseInt(hostPort.substring(colon + 1)));
        } catch (IllegalArgumentException e) {
            problems.add("recoverTcp", DisplayText.clamp(e.getMessage(), 200));
            return null;
        }
    }
}
