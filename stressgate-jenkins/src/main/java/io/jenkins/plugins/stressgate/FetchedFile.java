package io.jenkins.plugins.stressgate;

import java.io.Serializable;

/**
 * A file read on the agent and sent back: its bytes, or why it was not read. Only JDK types cross the channel
 * (the engine's exception classes are not on the JEP-200 allow list, so they must not travel).
 */
final class FetchedFile implements Serializable {
    private static final long serialVersionUID = 1L;

    private final byte[] bytes;
    private final String problem;

    private FetchedFile(byte[] bytes, String problem) {
        this.bytes = bytes;
        this.problem = problem;
    }

    static FetchedFile of(byte[] bytes) {
        return new FetchedFile(bytes, null);
    }

    static FetchedFile refused(String problem) {
        return new FetchedFile(null, problem);
    }

    byte[] bytes() {
        return bytes;
    }

    String problem() {
        return problem;
    }
}
