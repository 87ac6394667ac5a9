package io.stressgate.engine.step;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;

/**
 * Reads a file that a possibly hostile process wrote, only from inside its directory: the relative path must pass
 * {@link WorkspacePaths}, the joined path is normalized and must still start with the directory (compared as
 * {@link Path}s, so {@code /out} never matches {@code /outside}), no part below the directory may be a symbolic link,
 * and the size is checked before a byte is read.
 */
public final class ConfinedFiles {
    private ConfinedFiles() {
    }

    /** The file {@code relative} inside {@code base}, or an exception saying why it was not read. */
    public static Path resolve(Path base, String relative) throws UntrustedFileException {
        String problem = WorkspacePaths.problem(relative);
        if (problem != null) {
            throw new UntrustedFileException(UntrustedFileException.Kind.REFUSED,
                    "path \"" + DisplayText.clamp(relative, 80) + "\" " + problem);
        }
        Path root = base.toAbsolutePath().normalize();
        Path target = root.resolve(relative).normalize();
        if (!target.startsWith(root) || target.equals(root)) {
            throw new UntrustedFileException(UntrustedFileException.Kind.REFUSED,
                    "path \"" + DisplayText.clamp(relative, 80) + "\" leaves " + root);
        }
        Path current = root;
        for (Path name : root.relativize(target)) {
            current = current.resolve(name);
            if (Files.isSymbolicLink(current)) {
                throw new UntrustedFileException(UntrustedFileException.Kind.REFUSED,
                        current + " is a symbolic link; links are not followed");
            }
        }
        return target;
    }

    /** Reads the whole file if it is a regular file of at most {@code maxBytes}; never follows a link. */
    public static byte[] read(Path base, String relative, long maxBytes) throws UntrustedFileException, IOException {
        Path target = resolve(base, relative);
        BasicFileAttributes attributes;
        try {
            attributes = Files.readAttributes(target, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
        } catch (NoSuchFileException e) {
            throw new UntrustedFileException(UntrustedFileException.Kind.MISSING, target + " does not exist");
        }
        if (!attributes.isRegularFile()) {
            throw new UntrustedFileException(UntrustedFileException.Kind.REFUSED, target + " is not a regular file");
        }
        if (attributes.size() > maxBytes) {
            throw tooLarge(target, attributes.size(), maxBytes);
        }
        try (InputStream in = Files.newInputStream(target, LinkOption.NOFOLLOW_LINKS)) {
            byte[] bytes = in.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, maxBytes + 1));
            if (bytes.length > maxBytes) {
                throw tooLarge(target, bytes.length, maxBytes);
            }
            return bytes;
        }
    }

    private static UntrustedFileException tooLarge(Path target, long size, long maxBytes) {
        return new UntrustedFileException(UntrustedFileException.Kind.TOO_LARGE,
                target + " has " + size + " bytes, more than the limit of " + maxBytes);
    }
}
