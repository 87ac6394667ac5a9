package io.jenkins.plugins.stressgate;

import jenkins.security.MasterToSlaveCallable;

/** Asks the agent JVM for its {@code java.home}; runs on the agent. */
final class AgentJavaHome extends MasterToSlaveCallable<String, RuntimeException> {
    private static final long serialVersionUID = 1L;

    @Override
    public String call() {
        return System.getProperty("java.home");
    }
}
