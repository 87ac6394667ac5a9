package io.stressgate.engine.chaos;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;

/** Where the restore ledger, the audit log and the kill-switch file live on an agent. */
public final class StateDirs {
    private StateDirs() {
    }

    /** {@code $XDG_STATE_HOME/stressgate}, or {@code ~/.local/state/stressgate}. */
    public static Path defaultDir(Map<String, String> environment, String userHome) {
        String xdg = environment.get("XDG_STATE_HOME");
        if (xdg != null && !xdg.isBlank() && Path.of(xdg).isAbsolute()) {
            return Path.of(xdg, "stressgate");
        }
        return Path.of(userHome, ".local", "state", "stressgate");
    }

    /** Creates the directory readable by its owner only, if it does not exist. */
    static void create(Path dir) throws IOException {
        if (Files.isDirectory(dir)) {
            return;
        }
        Files.createDirectories(dir.getParent() == null ? dir : dir.getParent());
        try {
            Files.createDirectory(dir, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
        } catch (java.nio.file.FileAlreadyExistsException e) {
            return; // another run created it meanwhile
        } catch (UnsupportedOperationException e) {
            Files.createDirectories(dir);
        }
        syncDirectory(dir.getParent());
    }

    /** Makes a new directory entry durable; best effort where a directory cannot be opened. */
    static void syncDirectory(Path dir) {
        if (dir == null) {
            return;
        }
        try (FileChannel channel = FileChannel.open(dir, StandardOpenOption.READ)) {
            channel.force(true);
        } catch (IOException | RuntimeException e) {
            org.slf4j.LoggerFactory.getLogger(StateDirs.class).debug("cannot sync directory {}: {}", dir, e.toString());
        }
    }
}
