package io.jenkins.plugins.stressgate;

import hudson.remoting.VirtualChannel;
import io.stressgate.engine.step.ConfinedFiles;
import io.stressgate.engine.step.UntrustedFileException;
import java.io.File;
import java.io.IOException;
import jenkins.MasterToSlaveFileCallable;

/**
 * Reads one file below a directory on the agent with the engine's confinement rules (no escape from the directory,
 * no symbolic link, size checked before reading); runs on the agent, returns bytes only.
 */
final class FetchConfinedFile extends MasterToSlaveFileCallable<FetchedFile> {
    private static final long serialVersionUID = 1L;

    private final String relative;
    private final long maxBytes;

    FetchConfinedFile(String relative, long maxBytes) {
        this.relative = relative;
        this.maxBytes = maxBytes;
    }

    @Override
    public FetchedFile invoke(File directory, VirtualChannel channel) throws IOException {
        try {
            return FetchedFile.of(ConfinedFiles.read(directory.toPath(), relative, maxBytes));
        } catch (UntrustedFileException e) {
            return FetchedFile.refused(e.getMessage());
        }
    }
}
