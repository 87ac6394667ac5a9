package io.stressgate.engine.step;

import java.io.IOException;
import java.io.InputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Where the agent runner jar the plugin ships lives on an agent, and when it is copied there: once per agent, in a
 * cache directory below the agent's root, under a name holding the jar's SHA-256, and reused while the cached file's
 * SHA-256 still matches (a damaged or foreign file is replaced). The workspace's temporary directory is the second
 * place, for launchers that cannot see the agent's root (a container started with {@code docker.image().inside}
 * mounts only the workspace and its temporary sibling): the host tries the places in order and keeps the first
 * whose jar starts ({@link CliCommands#jarProbe}).
 */
public final class AgentJarCache {
    /** The class path resource name of the agent runner jar inside the plugin. */
    public static final String RESOURCE = "stressgate-agent.jar";
    /** The cache directory below the agent's root directory (Jenkins keeps its own caches in {@code caches/} too). */
    public static final String AGENT_CACHE_DIR = "caches/stressgate";
    private static final String PREFIX = "stressgate-agent-";
    private static final String SUFFIX = ".jar";
    private static final Pattern SHA256 = Pattern.compile("[0-9a-f]{64}");
    private static final Pattern CACHED = Pattern.compile(Pattern.quote(PREFIX) + "[0-9a-f]{64}" + Pattern.quote(SUFFIX));
    private static final Pattern UUID = Pattern.compile("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");
    private static final Pattern PART = Pattern.compile(Pattern.quote(PREFIX) + "[0-9a-f]{64}" + Pattern.quote(SUFFIX)
            + "\\." + UUID.pattern() + "\\.part");

    /** What to do with the jar in one place. */
    public enum Action {
        /** The cached file's SHA-256 matches: start it as it is. */
        REUSE,
        /** No file yet: copy the jar. */
        COPY,
        /** A file with the name but another content (damaged, truncated, replaced): delete it and copy again. */
        REPLACE
    }

    private final String sha256;

    /** @param sha256 the hex SHA-256 of the jar the plugin ships (either case) */
    public AgentJarCache(String sha256) {
        String d = sha256 == null ? "" : sha256.toLowerCase(Locale.ROOT);
        if (!SHA256.matcher(d).matches()) {
            throw new IllegalArgumentException("\"" + DisplayText.clamp(String.valueOf(sha256), 80)
                    + "\" is not a hex SHA-256 digest (64 hex digits)");
        }
        this.sha256 = d;
    }

    public String sha256() {
        return sha256;
    }

    /** The cached jar's file name: a new plugin version (another jar) is another file. */
    public String fileName() {
        return PREFIX + sha256 + SUFFIX;
    }

    /** The name of a partial copy, renamed to {@link #fileName()} only once complete, so no reader sees half a jar. */
    public String partName(String uuid) {
        if (uuid == null || !UUID.matcher(uuid.toLowerCase(Locale.ROOT)).matches()) {
            throw new IllegalArgumentException("\"" + DisplayText.clamp(String.valueOf(uuid), 80) + "\" is not a UUID");
        }
        return fileName() + "." + uuid.toLowerCase(Locale.ROOT) + ".part";
    }

    /**
     * The directories to try, in order, as agent paths: the agent's cache (once per agent) when its root is known and
     * plain, then the step's directory below the workspace's temporary sibling.
     *
     * @param agentRoot     the agent's root directory, or null when it is not known (agent offline, no node)
     * @param workspaceTemp the step's directory below the workspace's temporary sibling (always usable)
     * @param unix          whether the agent uses {@code /} as its separator
     */
    public static List<String> directories(String agentRoot, String workspaceTemp, boolean unix) {
        List<String> out = new ArrayList<>(2);
        if (agentRoot != null && !agentRoot.isBlank() && !DisplayText.hasControl(agentRoot)) {
            out.add(child(agentRoot, AGENT_CACHE_DIR, unix));
        }
        out.add(workspaceTemp);
        return out;
    }

    /**
     * What to do in one place, from what is there.
     *
     * @param exists       whether a file named {@link #fileName()} exists there
     * @param cachedSha256 that file's SHA-256, or null when it could not be read
     */
    public Action decide(boolean exists, String cachedSha256) {
        if (!exists) {
            return Action.COPY;
        }
        return sha256.equalsIgnoreCase(cachedSha256 == null ? "" : cachedSha256) ? Action.REUSE : Action.REPLACE;
    }

    /**
     * Whether a copy that could not be renamed into place (another build on the agent won the race) may still be used:
     * only when the file now there has the expected digest.
     */
    public boolean lostRaceUsable(boolean exists, String cachedSha256) {
        return decide(exists, cachedSha256) == Action.REUSE;
    }

    /**
     * The files of a cache directory to delete once the current jar is in place: the jars of other plugin versions
     * and partial copies of them. Partial copies of the current jar are left alone, as another build may be writing one.
     */
    public List<String> stale(List<String> names) {
        List<String> out = new ArrayList<>();
        String current = fileName();
        for (String name : names) {
            boolean ours = CACHED.matcher(name).matches() || PART.matcher(name).matches();
            if (ours && !name.equals(current) && !name.startsWith(current + ".")) {
                out.add(name);
            }
        }
        return out;
    }

    /** The hex SHA-256 of a stream, read to its end (the jar inside the plugin, or the cached file on the agent). */
    public static String sha256(InputStream in) throws IOException {
        MessageDigest digest;
        try {
            digest = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("this Java has no SHA-256", e);
        }
        byte[] buffer = new byte[64 * 1024];
        for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
            digest.update(buffer, 0, n);
        }
        return HexFormat.of().formatHex(digest.digest());
    }

    private static String child(String parent, String relative, boolean unix) {
        String sep = unix ? "/" : "\\";
        String base = parent.endsWith("/") || parent.endsWith("\\") ? parent.substring(0, parent.length() - 1) : parent;
        return base + sep + (unix ? relative : relative.replace('/', '\\'));
    }
}
