package io.stressgate.engine.step;

import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Checks a path that must stay inside a directory (the workspace, a step's output directory) before it is ever
 * joined to that directory: relative, forward slashes only, no {@code ..}, no percent-encoded separators or dots,
 * no control characters, of sane length. The file system check ({@link ConfinedFiles}) comes on top of this.
 */
public final class WorkspacePaths {
    /** The longest path accepted. */
    public static final int MAX_LENGTH = 1024;
    /** The longest single name accepted (most file systems stop at 255 bytes). */
    public static final int MAX_SEGMENT = 255;
    private static final Pattern DRIVE = Pattern.compile("^[A-Za-z]:.*");
    private static final Pattern ENCODED = Pattern.compile("%(2e|2f|5c|00|25)", Pattern.CASE_INSENSITIVE);

    private WorkspacePaths() {
    }

    /** Why the path is not acceptable, or null when it is. */
    public static String problem(String path) {
        if (path == null || path.isBlank()) {
            return "is empty; give a path relative to the workspace";
        }
        if (path.length() > MAX_LENGTH) {
            return "is " + path.length() + " characters long; at most " + MAX_LENGTH + " are allowed";
        }
        if (path.indexOf('\0') >= 0 || DisplayText.hasControl(path)) {
            return "contains a control character";
        }
        if (path.indexOf('\\') >= 0) {
            return "contains a backslash; use forward slashes in a path relative to the workspace";
        }
        if (path.startsWith("/") || path.startsWith("~") || DRIVE.matcher(path).matches()) {
            return "must be relative to the workspace, not \"" + DisplayText.clamp(path, 80) + "\"";
        }
        if (ENCODED.matcher(path).find()) {
            return "contains a percent-encoded dot, slash or backslash";
        }
        for (String segment : path.split("/", -1)) {
            if (segment.equals("..")) {
                return "must not leave the workspace (\"..\")";
            }
            if (segment.length() > MAX_SEGMENT) {
                return "has a name of " + segment.length() + " characters; at most " + MAX_SEGMENT + " are allowed";
            }
        }
        if (normalize(path).isEmpty()) {
            return "names no file";
        }
        return null;
    }

    /** The path with {@code .} and empty segments removed, for a path that {@link #problem} accepts. */
    public static String normalize(String path) {
        StringBuilder out = new StringBuilder();
        for (String segment : path.split("/")) {
            if (segment.isEmpty() || segment.equals(".")) {
                continue;
            }
            if (out.length() > 0) {
                out.append('/');
            }
            out.append(segment);
        }
        return out.toString();
    }

    /** The file name without directories and extension, reduced to {@code [A-Za-z0-9._-]}, for naming directories. */
    public static String stem(String path) {
        String name = path.substring(path.lastIndexOf('/') + 1);
        int dot = name.lastIndexOf('.');
        if (dot > 0) {
            name = name.substring(0, dot);
        }
        String safe = name.replaceAll("[^A-Za-z0-9._-]", "_").toLowerCase(Locale.ROOT);
        safe = safe.replaceAll("^[.]+", "_");
        return safe.isEmpty() ? "scenario" : safe.substring(0, Math.min(64, safe.length()));
    }
}
