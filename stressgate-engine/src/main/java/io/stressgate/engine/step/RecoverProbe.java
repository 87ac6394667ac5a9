package io.stressgate.engine.step;

import java.net.URI;
import java.util.List;
import java.util.regex.Pattern;

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

    Pattern HOST = Pattern.compile("[A-Za-z0-9.-]{1,253}|\\[[0-9A-Fa-f:.]{2,45}]");

    /** At most one probe; null when none is given or the one given is invalid (then with a problem). */
    static RecoverProbe parse(String http, String tcp, List<?> command, ArgumentProblems problems) {
        int given = (http != null ? 1 : 0) + (tcp != null ? 1 : 0) + (command != null ? 1 : 0);
        if (given > 1) {
            problems.add("recoverHttp", "give at most one of recoverHttp, recoverTcp and recoverCommand");
            return null;
        }
        if (http != null) {
            URI url = PublishTarget.serverUrl("recoverHttp", http, problems);
            return url == null ? null : new Http(url);
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
        int colon = text.lastIndexOf(':');
        if (colon > 0 && text.substring(colon + 1).matches("[0-9]{1,5}")) {
            String host = text.substring(0, colon);
            int port = Integer.parseInt(text.substring(colon + 1));
            if (HOST.matcher(host).matches() && port >= 1 && port <= 65535) {
                return new Tcp(host, port);
            }
        }
        problems.add("recoverTcp", "\"" + DisplayText.clamp(text, 80) + "\" is not HOST:PORT");
        return null;
    }
}
