package io.jenkins.plugins.stressgate;

import hudson.remoting.VirtualChannel;
import io.stressgate.engine.step.AgentJarCache;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import jenkins.MasterToSlaveFileCallable;

/** The hex SHA-256 of a file, computed where the file is (on the agent), so only 64 characters cross the channel. */
final class AgentSha256 extends MasterToSlaveFileCallable<String> {
    private static final long serialVersionUID = 1L;

    @Override
    public String invoke(File file, VirtualChannel channel) throws IOException {
        try (InputStream in = Files.newInputStream(file.toPath())) {
            return AgentJarCache.sha256(in);
        }
    }
}
