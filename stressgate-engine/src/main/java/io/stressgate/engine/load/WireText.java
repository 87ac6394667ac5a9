package io.stressgate.engine.load;

import java.nio.ByteBuffer;

/**
 * Text, numbers and UUIDs written as bytes straight into a request's buffer, escaped for where they land, and the
 * exact number of bytes each takes, known before writing (a body's Content-Length goes out ahead of the body).
 * Nothing here allocates. Text goes out as UTF-8 the way {@code String.getBytes} writes it: a lone surrogate as '?'.
 */
final class WireText {
    /** The length of a UUID in its usual text form, 8-4-4-4-12 hex digits. */
    static final int UUID_LENGTH = 36;
    private static final byte[] HEX = {'0', '1', '2', '3', '4', '5', '6', '7', '8', '9', 'A', 'B', 'C', 'D', 'E', 'F'};
    private static final byte[] LOWER_HEX = {'0', '1', '2', '3', '4', '5', '6', '7', '8', '9', 'a', 'b', 'c', 'd', 'e', 'f'};
    private static final byte[] LONG_MIN = Long.toString(Long.MIN_VALUE).getBytes(java.nio.charset.StandardCharsets.US_ASCII);

    private WireText() {
    }

    /** The bytes {@link #put} writes for {@code v} in {@code place}. */
    static int length(CharSequence v, CompiledTemplate.Place place) {
        int n = 0;
        for (int i = 0; i < v.length(); i++) {
            char c = v.charAt(i);
            if (c < 0x80) {
                n += asciiLength(c, place);
                continue;
            }
            int bytes;
            if (pairAt(v, i)) {
                bytes = 4;
                i++;
            } else {
                bytes = Character.isSurrogate(c) ? 1 : c < 0x800 ? 2 : 3;
            }
            n += place == CompiledTemplate.Place.URL ? 3 * bytes : bytes;
        }
        return n;
    }

    /**
     * Writes {@code v} as UTF-8 escaped for {@code place}: in a URL every byte but those of RFC 3986 unreserved
     * characters is percent-encoded; in a header CR, LF and NUL are, so a value cannot start a header or a request;
     * in a JSON string quote, backslash and control characters get JSON's escapes; in another body nothing is escaped.
     */
    static void put(ByteBuffer out, CharSequence v, CompiledTemplate.Place place) {
        boolean escapeAll = place == CompiledTemplate.Place.URL;
        for (int i = 0; i < v.length(); i++) {
            char c = v.charAt(i);
            if (c < 0x80) {
                putAscii(out, c, place);
            } else if (pairAt(v, i)) {
                int cp = Character.toCodePoint(c, v.charAt(++i));
                putByte(out, 0xF0 | cp >> 18, escapeAll);
                putByte(out, 0x80 | cp >> 12 & 0x3F, escapeAll);
                putByte(out, 0x80 | cp >> 6 & 0x3F, escapeAll);
                putByte(out, 0x80 | cp & 0x3F, escapeAll);
            } else if (Character.isSurrogate(c)) {
                putByte(out, '?', escapeAll); // a lone surrogate has no UTF-8 form
            } else if (c < 0x800) {
                putByte(out, 0xC0 | c >> 6, escapeAll);
                putByte(out, 0x80 | c & 0x3F, escapeAll);
            } else {
                putByte(out, 0xE0 | c >> 12, escapeAll);
                putByte(out, 0x80 | c >> 6 & 0x3F, escapeAll);
                putByte(out, 0x80 | c & 0x3F, escapeAll);
            }
        }
    }

    /** The characters {@code Long.toString(v)} has. */
    static int digits(long v) {
        if (v == Long.MIN_VALUE) {
            return LONG_MIN.length;
        }
        int n = v < 0 ? 2 : 1;
        for (long a = Math.abs(v); a >= 10; a /= 10) {
            n++;
        }
        return n;
    }

    /** Writes {@code v} in decimal, as {@code Long.toString} does. */
    static void putLong(ByteBuffer out, long v) {
        if (v == Long.MIN_VALUE) {
            out.put(LONG_MIN);
            return;
        }
        int start = out.position();
        int end = start + digits(v);
        if (v < 0) {
            out.put(start, (byte) '-');
        }
        long rest = Math.abs(v);
        for (int at = end - 1; at == end - 1 || rest > 0; at--) {
            out.put(at, (byte) ('0' + rest % 10));
            rest /= 10;
        }
        out.position(end);
    }

    /** Writes the UUID of these two halves in lower-case 8-4-4-4-12 form, as {@code UUID.toString} does. */
    static void putUuid(ByteBuffer out, long mostSignificant, long leastSignificant) {
        putHex(out, mostSignificant >>> 32, 8);
        out.put((byte) '-');
        putHex(out, mostSignificant >>> 16, 4);
        out.put((byte) '-');
        putHex(out, mostSignificant, 4);
        out.put((byte) '-');
        putHex(out, leastSignificant >>> 48, 4);
        out.put((byte) '-');
        putHex(out, leastSignificant, 12);
    }

    private static void putHex(ByteBuffer out, long v, int digits) {
        for (int shift = (digits - 1) * 4; shift >= 0; shift -= 4) {
            out.put(LOWER_HEX[(int) (v >>> shift) & 0xF]);
        }
    }

    private static int asciiLength(char c, CompiledTemplate.Place place) {
        return switch (place) {
            case URL -> unreserved(c) ? 1 : 3;
            case HEADER -> c == '\r' || c == '\n' || c == 0 ? 3 : 1;
            case BODY -> 1;
            case JSON -> c == '"' || c == '\\' ? 2 : c < 0x20 ? 6 : 1;
        };
    }

    private static void putAscii(ByteBuffer out, char c, CompiledTemplate.Place place) {
        switch (place) {
            case URL -> putByte(out, c, !unreserved(c));
            case HEADER -> putByte(out, c, c == '\r' || c == '\n' || c == 0);
            case BODY -> out.put((byte) c);
            case JSON -> {
                if (c == '"' || c == '\\') {
                    out.put((byte) '\\').put((byte) c);
                } else if (c < 0x20) {
                    out.put((byte) '\\').put((byte) 'u').put((byte) '0').put((byte) '0').put(LOWER_HEX[c >> 4]).put(LOWER_HEX[c & 0xF]);
                } else {
                    out.put((byte) c);
                }
            }
        }
    }

    private static boolean pairAt(CharSequence v, int i) {
        return Character.isHighSurrogate(v.charAt(i)) && i + 1 < v.length() && Character.isLowSurrogate(v.charAt(i + 1));
    }

    private static boolean unreserved(char c) {
        return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '-' || c == '.' || c == '_'
                || c == '~';
    }

    private static void putByte(ByteBuffer out, int b, boolean escape) {
        if (escape) {
            out.put((byte) '%').put(HEX[b >> 4 & 0xF]).put(HEX[b & 0xF]);
        } else {
            out.put((byte) b);
        }
    }
}
