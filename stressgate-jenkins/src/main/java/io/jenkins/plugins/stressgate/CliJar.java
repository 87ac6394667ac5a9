package io.jenkins.plugins.stressgate;

import hudson.AbortException;
import hudson.FilePath;
import hudson.Util;
import io.stressgate.engine.step.StepFiles;
import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.util.UUID;

/**
 * The CLI jar the plugin ships as a class path resource, and its copy on an agent: kept below the workspace's
 * temporary directory under a name holding its MD5 digest, so it is copied once per plugin version and agent
 * workspace, and a damaged copy is replaced.
 */
final class CliJar {
    static final String RESOURCE = "cli/stressgate.jar";
    private static volatile String digest;

    private CliJar() {
    }

    static FilePath installIn(FilePath directory) throws IOException, InterruptedException {
        URL url = CliJar.class.getResource(RESOURCE);
        if (url == null) {
            throw new AbortException("Stress Gate: this plugin was built without its command line tool (" + RESOURCE + ")");
        }
        String md5 = digest(url);
        FilePath jar = directory.child(StepFiles.cachedJar(md5));
        if (jar.exists()) {
            if (md5.equals(jar.digest())) {
                return jar;
            }
            jar.delete();
        }
        FilePath part = directory.child(jar.getName() + "." + UUID.randomUUID() + ".part");
        part.copyFrom(url);
        try {
            part.renameTo(jar);
        } catch (IOException e) {
            part.delete();
            if (!(jar.exists() && md5.equals(jar.digest()))) {
                throw e;
            }
        }
        return jar;
    }

    private static String digest(URL url) throws IOException {
        String known = digest;
        if (known == null) {
            try (InputStream in = url.openStream()) {
                known = Util.getDigestOf(in);
            }
            digest = known;
        }
        return known;
    }
}
