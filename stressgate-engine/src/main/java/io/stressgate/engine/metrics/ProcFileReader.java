package io.stressgate.engine.metrics;

import java.io.File;
import java.io.FileInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedByInterruptException;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;

/**
 * Reads Linux {@code /proc} files into a reusable buffer; parsing is left to {@link ProcParsers}. The kernel writes
 * a whole {@code /proc} file in one read when the buffer holds it, so a read that returns less than was asked for
 * ends the file: one read call per file instead of a second one that returns nothing. Not thread-safe: each
 * sampling thread has its own.
 */
final class ProcFileReader {
    private static final int MAX_BYTES = 1 << 20;
    private static final int DIRECT_BYTES = 8192;

    private final String root;
    private byte[] buffer = new byte[8192];
    private final ByteBuffer direct = ByteBuffer.allocateDirect(DIRECT_BYTES);
    private int length;

    ProcFileReader(String root) {
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
                int asked = Math.min(buffer.length, limit) - length;
                int n = in.read(buffer, length, asked);
                if (n < 0) {
                    break;
                }
                length += n;
                if (n < asked) {
                    break;
                }
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
    FileChannel open(String relative) {
        try {
            return FileChannel.open(Path.of(root + relative), StandardOpenOption.READ);
        } catch (IOException e) {
            return null; // gone (NoSuchFileException), or not ours to read: as with read(), the process is not there
        }
    }

    /**
     * Reads an open {@code /proc} file again from its start with one positioned read (pread) per
     * {@value #DIRECT_BYTES} bytes: the kernel regenerates the file, and keeping it open saves the path lookup that
     * makes opening cost twice as much as reading. Returns false once the process has gone (ESRCH).
     */
    boolean reread(FileChannel file, int limit) {
        length = 0;
        try {
            while (length < limit) {
                int asked = Math.min(DIRECT_BYTES, limit - length);
                if (length + asked > buffer.length) {
                    buffer = Arrays.copyOf(buffer, Math.min(MAX_BYTES, Math.max(buffer.length * 2, length + asked)));
                    asked = Math.min(asked, buffer.length - length);
                }
                direct.clear().limit(asked);
                int n = file.read(direct, length);
                if (n <= 0) {
                    break;
                }
                direct.flip().get(buffer, length, n);
                length += n;
                if (n < asked) {
                    break;
                }
            }
            return true;
        } catch (ClosedByInterruptException e) {
            Thread.currentThread().interrupt();
            throw new UncheckedIOException("reading /proc was interrupted", e);
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
