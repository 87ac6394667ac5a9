package io.stressgate.engine.step;

/**
 * Chooses the Java launcher for the CLI on the agent: the agent JVM's own {@code java.home} when the process runs
 * directly on the agent and that binary exists, otherwise {@code java} from the PATH. Inside a container (a decorated
 * launcher, as {@code docker.image().inside} gives) the agent JVM's paths mean nothing, so PATH is used there too.
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

    /**
     * @param javaHome     {@code java.home} of the agent JVM, or null when it could not be asked
     * @param binaryExists whether {@link #binary} of it exists on the agent
     * @param decorated    whether the launcher wraps the process (a container), so agent paths do not apply
     * @param unix         whether the agent is Unix-like
     */
    public static String choose(String javaHome, boolean binaryExists, boolean decorated, boolean unix) {
        if (javaHome == null || javaHome.isBlank() || !binaryExists || decorated) {
            return ON_PATH;
        }
        return binary(javaHome, unix);
    }
}
