package io.stressgate.engine.metrics;

import java.io.File;
import java.io.FileInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.RandomAccessFile;
import java.io.UncheckedIOException;
import java.util.Arrays;

/**
 * Reads Linux {@code /proc} files into a reusable buffer; parsing is left to {@link ProcParsers}. Not thread-safe:
 * each sampling thread has its own.
 */
final class ProcFs {
    private static final int MAX_BYTES = 1 << 20;

    private final String root;
    private byte[] buffer = new byte[8192];
    private int length;

    ProcFs(String root) {
        this.root = root;
    }

    /** Whether this machine has a Linux-style proc file system at {@code root}. */
    static boolean available(String root) {
        return new File(root, "self/stat").canRead() && new File(root, "stat").canRead();
    }

    /** The buffer holding the last file read; valid up to {@link #length()}. */
    byte[] bytes() {
        return buffer;
    }

    int length() {
        return length;
    }

    /**
     * Reads a file under the root (e.g. {@code "123/stat"}) into the buffer, or up to {@code limit} bytes of it.
     * Returns false when the file does not exist (the process ended) or cannot be read.
     */
    boolean read(String relative, int limit) {
        length = 0;
        try (InputStream in = new FileInputStream(root + relative)) {
            while (length < limit) {
                if (length == buffer.length) {
                    buffer = Arrays.copyOf(buffer, Math.min(MAX_BYTES, buffer.length * 2));
                    if (length == buffer.length) {
                        break;
                    }
                }
                int n = in.read(buffer, length, Math.min(buffer.length, limit) - length);
                if (n < 0) {
                    break;
                }
                length += n;
            }
            return true;
        } catch (java.io.FileNotFoundException e) {
            return false;
        } catch (IOException e) {
            // A process that exits while its file is read makes the read fail with ESRCH; that is "gone", too.
            if (new File(root + relative).exists()) {
                throw new UncheckedIOException("cannot read " + root + relative, e);
            }
            return false;
        }
    }

    /** Opens a file under the root to read it again and again, or returns null when it does not exist. */
    RandomAccessFile open(String relative) {
        try {
            return new RandomAccessFile(root + relative, "r");
        } catch (java.io.FileNotFoundException e) {
            return null;
        }
    }

    /**
     * Reads an open {@code /proc} file again from its start: the kernel regenerates it, and saves the path lookup
     * that makes opening cost twice as much as reading. Returns false once the process has gone (ESRCH).
     */
    boolean reread(RandomAccessFile file, int limit) {
        length = 0;
        try {
            file.seek(0);
            int n;
            while (length < Math.min(limit, buffer.length) && (n = file.read(buffer, length,
                    Math.min(limit, buffer.length) - length)) > 0) {
                length += n;
            }
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    boolean read(String relative) {
        return read(relative, MAX_BYTES);
    }

    /**
     * The number of open fds of a process, or -1 when its fd directory cannot be read (another user's process).
     * Since Linux 6.2 the size of {@code /proc/<pid>/fd} is the count; older kernels report 0, so count entries.
     */
    long fdCount(long pid) {
        File dir = new File(root + pid + "/fd");
        long size = dir.length();
        if (size > 0) {
            return size;
        }
        String[] names = dir.list();
        return names == null ? -1 : names.length;
    }

    /** The thread ids of a process, or an empty array when it is gone. */
    String[] threads(long pid) {
        String[] names = new File(root + pid + "/task").list();
        return names == null ? new String[0] : names;
    }
}
