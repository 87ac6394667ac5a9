package io.stressgate.engine.scenario;

import java.util.BitSet;
import java.util.List;

/** The HTTP statuses a request expects; any other status counts as an error. */
public final class StatusSet {
    /** 200-399: success and redirects, the default when a request says nothing. */
    public static final StatusSet DEFAULT = new StatusSet(range(200, 399), "2xx, 3xx");

    private final BitSet statuses;
    private final String text;

    private StatusSet(BitSet statuses, String text) {
        this.statuses = statuses;
        this.text = text;
    }

    /** Reads entries such as {@code 200}, {@code 2xx} or {@code 200-204}. */
    public static StatusSet parse(List<String> entries) {
        BitSet bits = new BitSet(600);
        for (String raw : entries) {
            String entry = raw.trim().toLowerCase(java.util.Locale.ROOT);
            if (entry.matches("[1-5]xx")) {
                int base = (entry.charAt(0) - '0') * 100;
                bits.or(range(base, base + 99));
            } else if (entry.matches("\\d{3}-\\d{3}")) {
                int from = Integer.parseInt(entry.substring(0, 3));
                int to = Integer.parseInt(entry.substring(4));
                if (from > to || from < 100 || to > 599) {
                    throw new IllegalArgumentException("status range \"" + raw + "\" must go upwards within 100-599");
                }
                bits.or(range(from, to));
            } else if (entry.matches("\\d{3}")) {
                int status = Integer.parseInt(entry);
                if (status < 100 || status > 599) {
                    throw new IllegalArgumentException("status " + raw + " is outside 100-599");
                }
                bits.set(status);
            } else {
                throw new IllegalArgumentException("\"" + raw + "\" is not a status; write 200, 2xx or 200-204");
            }
        }
        if (bits.isEmpty()) {
            throw new IllegalArgumentException("expect needs at least one status");
        }
        return new StatusSet(bits, String.join(", ", entries));
    }

    public boolean contains(int status) {
        return status >= 0 && statuses.get(status);
    }

    private static BitSet range(int from, int to) {
        BitSet bits = new BitSet(600);
        bits.set(from, to + 1);
        return bits;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof StatusSet other && statuses.equals(other.statuses);
    }

    @Override
    public int hashCode() {
        return statuses.hashCode();
    }

    @Override
    public String toString() {
        return text;
    }
}
