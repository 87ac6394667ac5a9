package io.stressgate.engine.process;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Set;

/**
 * Parses the text of {@code /proc} files. Reading them is {@link ProcFs}'s job, so that every format here is tested
 * with fixtures. Malformed input throws {@link IllegalArgumentException} naming the file kind and the text.
 */
public final class ProcParser {
    private static final int STAT_FIELDS_AFTER_COMM = 20;
    private static final String LISTEN = "0A";

    private ProcParser() {
    }

    /**
     * Parses {@code /proc/<pid>/stat}. The command name sits in parentheses and may itself hold spaces and
     * parentheses, so the fields are counted from the last {@code )}.
     */
    public static ProcStat stat(String text) {
        int open = text.indexOf('(');
        int close = text.lastIndexOf(')');
        if (open < 1 || close < open) {
            throw new IllegalArgumentException("not a /proc/<pid>/stat line: " + abbreviate(text));
        }
        String[] f = text.substring(close + 1).trim().split(" ");
        if (f.length < STAT_FIELDS_AFTER_COMM || f[0].length() != 1) {
            throw new IllegalArgumentException("a /proc/<pid>/stat line with too few fields: " + abbreviate(text));
        }
        try {
            return new ProcStat(Long.parseLong(text.substring(0, open).trim()), text.substring(open + 1, close),
                    f[0].charAt(0), Long.parseLong(f[1]), Long.parseLong(f[2]), Long.parseLong(f[3]),
                    Integer.parseInt(f[17]), Long.parseLong(f[19]));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("a /proc/<pid>/stat line with a malformed number: " + abbreviate(text), e);
        }
    }

    /**
     * The CPU time a process has used, user plus system, in clock ticks, from {@code /proc/<pid>/stat} (fields 14
     * and 15, counted from the last {@code )} like {@link #stat}).
     */
    public static long cpuTicks(String text) {
        int close = text.lastIndexOf(')');
        String[] f = close < 0 ? new String[0] : text.substring(close + 1).trim().split(" ");
        if (f.length < STAT_FIELDS_AFTER_COMM) {
            throw new IllegalArgumentException("a /proc/<pid>/stat line with too few fields: " + abbreviate(text));
        }
        try {
            return Long.parseLong(f[11]) + Long.parseLong(f[12]);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("a /proc/<pid>/stat line with a malformed number: " + abbreviate(text), e);
        }
    }

    /** The real user id from {@code /proc/<pid>/status} (the first of the four values on the {@code Uid:} line). */
    public static int realUid(String status) {
        for (String line : status.split("\n")) {
            if (line.startsWith("Uid:")) {
                String[] ids = line.substring(4).trim().split("\\s+");
                try {
                    return Integer.parseInt(ids[0]);
                } catch (NumberFormatException e) {
                    throw new IllegalArgumentException("a /proc/<pid>/status Uid line that is not a number: " + line, e);
                }
            }
        }
        throw new IllegalArgumentException("a /proc/<pid>/status without a Uid line");
    }

    /** Splits {@code /proc/<pid>/cmdline} at its NUL bytes; empty for kernel threads and zombies. */
    public static List<String> cmdline(byte[] bytes) {
        return nulSeparated(bytes);
    }

    /** Looks up some variables in {@code /proc/<pid>/environ}; names not present are absent from the map. */
    public static Map<String, String> environ(byte[] bytes, Set<String> names) {
        Map<String, String> found = new HashMap<>();
        for (String entry : nulSeparated(bytes)) {
            int eq = entry.indexOf('=');
            if (eq > 0 && names.contains(entry.substring(0, eq))) {
                found.putIfAbsent(entry.substring(0, eq), entry.substring(eq + 1));
            }
        }
        return found;
    }

    /** The inode of an fd link target such as {@code socket:[12345]}, or empty for anything else. */
    public static OptionalLong socketInode(String linkTarget) {
        if (!linkTarget.startsWith("socket:[") || !linkTarget.endsWith("]")) {
            return OptionalLong.empty();
        }
        try {
            return OptionalLong.of(Long.parseLong(linkTarget.substring(8, linkTarget.length() - 1)));
        } catch (NumberFormatException e) {
            return OptionalLong.empty();
        }
    }

    /**
     * The listening sockets of {@code /proc/net/tcp} or {@code /proc/net/tcp6}. Addresses there are hex, in 32-bit
     * words of host (little-endian) byte order; the state {@code 0A} is LISTEN.
     */
    public static List<ListeningSocket> listening(String table) {
        List<ListeningSocket> sockets = new ArrayList<>();
        String[] lines = table.split("\n");
        for (int i = 1; i < lines.length; i++) {
            String[] f = lines[i].trim().split("\\s+");
            if (f.length < 10) {
                continue;
            }
            if (!f[3].equals(LISTEN)) {
                continue;
            }
            int colon = f[1].indexOf(':');
            if (colon < 0) {
                throw new IllegalArgumentException("a /proc/net/tcp line without address:port: " + abbreviate(lines[i]));
            }
            try {
                String address = address(f[1].substring(0, colon));
                int port = Integer.parseInt(f[1].substring(colon + 1), 16);
                sockets.add(new ListeningSocket(address, port, Long.parseLong(f[9])));
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("a /proc/net/tcp line with a malformed field: " + abbreviate(lines[i]), e);
            }
        }
        return sockets;
    }

    private static String address(String hex) {
        if (hex.length() != 8 && hex.length() != 32) {
            throw new IllegalArgumentException("an address of " + hex.length() + " hex digits: " + hex);
        }
        byte[] bytes = new byte[hex.length() / 2];
        for (int word = 0; word < bytes.length / 4; word++) {
            for (int b = 0; b < 4; b++) {
                int at = word * 8 + (3 - b) * 2;
                bytes[word * 4 + b] = (byte) Integer.parseInt(hex.substring(at, at + 2), 16);
            }
        }
        try {
            return InetAddress.getByAddress(bytes).getHostAddress();
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException("an address of the wrong length: " + hex, e);
        }
    }

    private static List<String> nulSeparated(byte[] bytes) {
        List<String> parts = new ArrayList<>();
        int start = 0;
        for (int i = 0; i <= bytes.length; i++) {
            if (i == bytes.length || bytes[i] == 0) {
                if (i > start || i < bytes.length) {
                    parts.add(new String(bytes, start, i - start, StandardCharsets.UTF_8));
                }
                start = i + 1;
            }
        }
        return parts;
    }

    private static String abbreviate(String text) {
        return text.length() <= 200 ? text : text.substring(0, 200) + "...";
    }
}
