package io.jenkins.plugins.stressgate;

import hudson.AbortException;
import hudson.FilePath;
import io.stressgate.engine.step.AgentJarCache;
import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.util.UUID;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The agent runner jar the plugin ships as a class path resource, and its copies on agents. Which places, when to
 * reuse, replace or copy, and what to clean up are decided by {@link AgentJarCache}; this class only moves the bytes.
 */
final class CliJar {
    static final String RESOURCE = "cli/" + AgentJarCache.RESOURCE;
    private static final Logger LOGGER = Logger.getLogger(CliJar.class.getName());
    private static volatile AgentJarCache cache;

    private CliJar() {
    }

    static URL url() throws AbortException {
        URL url = CliJar.class.getResource(RESOURCE);
        if (url == null) {
            throw new AbortException("Stress Gate: this plugin was built without its agent runner jar (" + RESOURCE + ")");
        }
        return url;
    }

    /** The cache rules for the shipped jar; its SHA-256 is computed once per controller JVM. */
    static AgentJarCache cache() throws IOException {
        AgentJarCache known = cache;
        if (known == null) {
            try (InputStream in = url().openStream()) {
                known = new AgentJarCache(AgentJarCache.sha256(in));
            }
            cache = known;
        }
        return known;
    }

    /** The jar in {@code directory}: the cached copy while its SHA-256 matches, else a fresh copy. */
    static FilePath installIn(FilePath directory, AgentJarCache rules) throws IOException, InterruptedException {
        directory.mkdirs();
        FilePath jar = directory.child(rules.fileName());
        boolean exists = jar.exists();
        AgentJarCache.Action action = rules.decide(exists, exists ? sha256(jar) : null);
        if (action == AgentJarCache.Action.REUSE) {
            return jar;
        }
        if (action == AgentJarCache.Action.REPLACE) {
            jar.delete();
        }
        FilePath part = directory.child(rules.partName(UUID.randomUUID().toString()));
        part.copyFrom(url());
        try {
            part.renameTo(jar);
        } catch (IOException e) {
            part.delete();
            boolean now = jar.exists();
            if (!rules.lostRaceUsable(now, now ? sha256(jar) : null)) {
                throw e;
            }
        }
        prune(directory, rules);
        return jar;
    }

    /** Deletes other plugin versions' jars; one still in use (Windows) is left for a later build. */
    private static void prune(FilePath directory, AgentJarCache rules) throws InterruptedException {
        try {
            java.util.List<String> names = new java.util.ArrayList<>();
            for (FilePath f : directory.list()) {
                names.add(f.getName());
            }
            for (String stale : rules.stale(names)) {
                directory.child(stale).delete();
            }
        } catch (IOException e) {
            LOGGER.log(Level.FINE, "could not remove old Stress Gate jars from " + directory.getRemote(), e);
        }
    }

    private static String sha256(FilePath file) throws IOException, InterruptedException {
        try {
            return file.act(new AgentSha256());
        } catch (IOException e) {
            LOGGER.log(Level.FINE, "cannot read " + file.getRemote(), e);
            return null;
        }
    }
}
