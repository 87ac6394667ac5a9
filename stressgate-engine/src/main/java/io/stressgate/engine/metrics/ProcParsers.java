package io.stressgate.engine.metrics;

import java.nio.charset.StandardCharsets;
import java.util.function.LongConsumer;

/**
 * Parses the text of Linux {@code /proc} files from a byte buffer without building strings, so parsing is tested
 * with fixtures and reading stays a separate, thin step ({@link ProcFileReader}).
 */
final class ProcParsers {
    /** Index of utime among the fields after the command name ({@code state} is 0). */
    private static final int UTIME = 11;
    private static final int THREADS = 17;
    private static final int START_TIME = 19;
    private static final int RSS = 21;

    private ProcParsers() {
    }

    /** The fields of {@code /proc/<pid>/stat} the sampler uses, in clock ticks and pages. */
    record Stat(long pid, char state, long ppid, long cpuTicks, long threads, long startTicks, long rssPages) {
    }

    /** The fields of {@code /proc/meminfo} the sampler uses, in bytes ({@code -1} when absent). */
    record MemInfo(long totalBytes, long availableBytes, long swapTotalBytes, long swapFreeBytes) {
    }

    /**
     * Parses {@code /proc/<pid>/stat}. The command name sits in parentheses and may itself hold spaces and
     * parentheses, so fields are counted from the last closing parenthesis. One pass over the bytes that converts
     * only the fields used: this runs for every watched process at every tick.
     */
    static Stat stat(byte[] text, int length) {
        int close = lastIndexOf(text, length, (byte) ')');
        if (close < 0) {
            throw malformed("/proc/<pid>/stat", text, length, "no closing parenthesis after the command name");
        }
        Cursor c = new Cursor(text, length, 0);
        long pid = c.nextLong();
        int at = close + 1;
        while (at < length && text[at] == ' ') {
            at++;
        }
        if (at >= length) {
            throw malformed("/proc/<pid>/stat", text, length, "fewer fields than expected");
        }
        char state = (char) text[at++];
        long ppid = 0;
        long cpu = 0;
        long threads = 0;
        long start = 0;
        int field = 0;
        while (field < RSS && at < length) {
            field++;
            while (at < length && text[at] == ' ') {
                at++;
            }
            boolean negative = at < length && text[at] == '-';
            if (negative) {
                at++;
            }
            long value = 0;
            int digits = at;
            while (at < length && text[at] >= '0' && text[at] <= '9') {
                value = value * 10 + (text[at++] - '0');
            }
            if (at == digits) {
                throw malformed("/proc/<pid>/stat", text, length, "fewer fields than expected");
            }
            value = negative ? -value : value;
            switch (field) {
                case 1 -> ppid = value;
                case UTIME, UTIME + 1 -> cpu += value;
                case THREADS -> threads = value;
                case START_TIME -> start = value;
                case RSS -> {
                    return new Stat(pid, state, ppid, cpu, threads, start, value);
                }
                default -> {
                }
            }
        }
        throw malformed("/proc/<pid>/stat", text, length, "fewer fields than expected");
    }

    /**
     * Parses the aggregate {@code cpu} line of {@code /proc/stat} into {busy, total} ticks. Guest time is already
     * counted in user time, so it is left out of the total; idle and iowait are not busy.
     */
    static long[] cpuTicks(byte[] text, int length) {
        if (length < 4 || text[0] != 'c' || text[1] != 'p' || text[2] != 'u' || text[3] != ' ') {
            throw malformed("/proc/stat", text, length, "the first line is not the aggregate cpu line");
        }
        Cursor c = new Cursor(text, length, 4);
        long[] ticks = new long[8];
        int n = 0;
        while (n < ticks.length) {
            long value = c.nextLongOnLine();
            if (c.failed) {
                break;
            }
            ticks[n++] = value;
        }
        if (n < 4) {
            throw malformed("/proc/stat", text, length, "the cpu line has fewer than four counters");
        }
        long total = 0;
        for (int i = 0; i < n; i++) {
            total += ticks[i];
        }
        long idle = ticks[3] + (n > 4 ? ticks[4] : 0);
        return new long[] {total - idle, total};
    }

    /** Parses {@code /proc/meminfo}; values there are in kB (KiB). */
    static MemInfo memInfo(byte[] text, int length) {
        long total = -1;
        long available = -1;
        long swapTotal = -1;
        long swapFree = -1;
        int line = 0;
        while (line < length) {
            int end = indexOf(text, length, (byte) '\n', line);
            int stop = end < 0 ? length : end;
            if (startsWith(text, line, stop, "MemTotal:")) {
                total = kib(text, line, stop);
            } else if (startsWith(text, line, stop, "MemAvailable:")) {
                available = kib(text, line, stop);
            } else if (startsWith(text, line, stop, "SwapTotal:")) {
                swapTotal = kib(text, line, stop);
            } else if (startsWith(text, line, stop, "SwapFree:")) {
                swapFree = kib(text, line, stop);
            }
            line = stop + 1;
        }
        if (total < 0 || available < 0) {
            throw malformed("/proc/meminfo", text, length, "MemTotal or MemAvailable is missing (kernel before 3.14?)");
        }
        return new MemInfo(total, available, swapTotal, swapFree);
    }

    /** Parses the one-minute figure of {@code /proc/loadavg}. */
    static double load1(byte[] text, int length) {
        int end = 0;
        while (end < length && text[end] != ' ') {
            end++;
        }
        try {
            return Double.parseDouble(new String(text, 0, end, StandardCharsets.US_ASCII));
        } catch (NumberFormatException e) {
            throw malformed("/proc/loadavg", text, length, "the first field is not a number");
        }
    }

    /** Parses a {@code /proc/<pid>/task/<tid>/children} file: pids separated by spaces. */
    static void children(byte[] text, int length, LongConsumer out) {
        Cursor c = new Cursor(text, length, 0);
        while (true) {
            long pid = c.nextLong();
            if (c.failed) {
                return;
            }
            out.accept(pid);
        }
    }

    private static long kib(byte[] text, int from, int to) {
        Cursor c = new Cursor(text, to, indexOf(text, to, (byte) ':', from) + 1);
        long value = c.nextLong();
        return c.failed ? -1 : value * 1024;
    }

    private static boolean startsWith(byte[] text, int from, int to, String prefix) {
        if (to - from < prefix.length()) {
            return false;
        }
        for (int i = 0; i < prefix.length(); i++) {
            if (text[from + i] != prefix.charAt(i)) {
                return false;
            }
        }
        return true;
    }

    private static int indexOf(byte[] text, int length, byte b, int from) {
        for (int i = from; i < length; i++) {
            if (text[i] == b) {
                return i;
            }
        }
        return -1;
    }

    private static int lastIndexOf(byte[] text, int length, byte b) {
        for (int i = length - 1; i >= 0; i--) {
            if (text[i] == b) {
                return i;
            }
        }
        return -1;
    }

    private static IllegalArgumentException malformed(String file, byte[] text, int length, String why) {
        String shown = new String(text, 0, Math.min(length, 120), StandardCharsets.US_ASCII).replace('\n', ' ');
        return new IllegalArgumentException("cannot parse " + file + ": " + why + " in \"" + shown + "\"");
    }

    /** Reads unsigned (or negative) decimal numbers one after another; sets {@code failed} at the end of input. */
    private static final class Cursor {
        private final byte[] text;
        private final int length;
        private int position;
        private boolean failed;

        Cursor(byte[] text, int length, int position) {
            this.text = text;
            this.length = length;
            this.position = position;
        }

        void skipSpaces() {
            while (position < length && (text[position] == ' ' || text[position] == '\t' || text[position] == '\n')) {
                position++;
            }
        }

        long nextLongOnLine() {
            while (position < length && (text[position] == ' ' || text[position] == '\t')) {
                position++;
            }
            if (position >= length || text[position] == '\n') {
                failed = true;
                return 0;
            }
            return digits();
        }

        long nextLong() {
            skipSpaces();
            if (position >= length) {
                failed = true;
                return 0;
            }
            return digits();
        }

        private long digits() {
            boolean negative = text[position] == '-';
            if (negative) {
                position++;
            }
            int start = position;
            long value = 0;
            while (position < length && text[position] >= '0' && text[position] <= '9') {
                value = value * 10 + (text[position++] - '0');
            }
            if (position == start) {
                failed = true;
                return 0;
            }
            return negative ? -value : value;
        }
    }
}
