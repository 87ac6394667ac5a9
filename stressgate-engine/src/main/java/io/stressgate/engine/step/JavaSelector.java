package io.stressgate.engine.step;

import java.util.List;

/**
 * The Java launchers to try for the CLI on the agent, in order: the agent JVM's own {@code java.home} first, then
 * {@code java} from the PATH. The host tries each ({@link CliCommands#jarProbe}) and takes the first that starts the
 * jar: inside a container ({@code docker.image().inside}) the agent JVM's path does not exist, and the PATH one is used.
 */
public final class JavaSelector {
    /** The command used when the agent's own Java cannot be used. */
    public static final String ON_PATH = "java";

    private JavaSelector() {
    }

    /** The binary below a Java home, with the agent's separator. */
    public static String binary(String javaHome, boolean unix) {
        String home = javaHome.endsWith("/") || javaHome.endsWith("\\") ? javaHome.substring(0, javaHome.length() - 1) : javaHome;
        return unix ? home + "/bin/java" : home + "\\bin\\java.exe";
    }

    /** @param javaHome {@code java.home} of the agent JVM, or null when it could not be asked */
    public static List<String> candidates(String javaHome, boolean unix) {
        if (javaHome == null || javaHome.isBlank() || DisplayText.hasControl(javaHome)) {
            return List.of(ON_PATH);
        }
        return List.of(binary(javaHome, unix), ON_PATH);
    }
}
