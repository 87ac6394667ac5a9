package io.stressgate.engine.scenario;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/**
 * Reads the files a scenario sends as request bodies ({@code bodyFile}, {@code multipart}) or uses for TLS (CA bundle,
 * client certificate and key), confined to one folder:
 * the scenario's own unless the command line names another. A scenario can come from an untrusted change, so it
 * must not be able to send the agent's other files ({@code /etc/passwd}, {@code ../x}, a symlink out) to a target
 * of its choosing.
 */
final class BodyFiles {
    private final Path baseDir;
    private final Path root;

    /** Resolves relative paths against {@code baseDir} and accepts only files inside {@code root}. */
    BodyFiles(Path baseDir, Path root) {
        this.baseDir = baseDir.toAbsolutePath().normalize();
        this.root = root.toAbsolutePath().normalize();
    }

    /**
     * The file as a piece of a body: its bytes when it is at most {@link Body#STREAM_ABOVE}, else its real path and
     * size to stream it from; null after adding the reason to {@code problems} at {@code node}.
     */
    Body.Piece read(ScalarNode node, Problems problems) {
        Path real = confined(node, problems);
        if (real == null) {
            return null;
        }
        try {
            long size = Files.size(real);
            return size > Body.STREAM_ABOVE ? new Body.FilePart(real, size) : new Body.Fixed(Files.readAllBytes(real));
        } catch (IOException e) {
            problems.add(node, "cannot read file " + real + ": " + e.getMessage());
            return null;
        }
    }

    /**
     * The real path of the regular file the node names, inside the root also after following symbolic links; null
     * after adding the reason to {@code problems} at {@code node}.
     */
    Path confined(ScalarNode node, Problems problems) {
        Path file;
        try {
            file = baseDir.resolve(node.text()).normalize();
        } catch (InvalidPathException e) {
            problems.add(node, "\"" + visible(node.text()) + "\" is not a file path: " + e.getReason());
            return null;
        }
        if (!file.startsWith(root)) {
            problems.add(node, "file " + file + " is outside " + root + "; files a scenario reads must lie in its folder"
                    + " (or the one given with --files-root)");
            return null;
        }
        try {
            Path real = file.toRealPath();
            Path realRoot = root.toRealPath();
            if (!real.startsWith(realRoot)) {
                problems.add(node, "file " + file + " leads to " + real + " through a symbolic link, outside " + root);
                return null;
            }
            if (!Files.isRegularFile(real)) {
                problems.add(node, "file " + file + " is not a regular file");
                return null;
            }
            return real;
        } catch (NoSuchFileException e) {
            problems.add(node, "file " + file + " does not exist");
            return null;
        } catch (IOException e) {
            problems.add(node, "cannot read file " + file + ": " + e.getMessage());
            return null;
        }
    }

    /** The text with control characters (NUL among them) shown as code points, so the message can be printed. */
    private static String visible(String text) {
        StringBuilder out = new StringBuilder(text.length());
        text.chars().forEach(c -> out.append(Character.isISOControl(c) ? String.format("[U+%04X]", c) : String.valueOf((char) c)));
        return out.toString();
    }
}
