package io.stressgate.engine.scenario;

/** The characters RFC 3986 allows in a path and query as sent, and a readable name for the first one it does not. */
final class RequestTargets {
    private static final String ALLOWED_PUNCTUATION = "-._~!$&'()*+,;=:@/?";

    private RequestTargets() {
    }

    /** Describes the first character of {@code text} that may not be sent as written, or null when there is none. */
    static String firstInvalid(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '%') {
                if (i + 2 >= text.length() || !hex(text.charAt(i + 1)) || !hex(text.charAt(i + 2))) {
                    return "\"%\" not followed by two hex digits (at character " + (i + 1) + ")";
                }
                i += 2;
            } else if (!allowed(c)) {
                return describe(c) + " (at character " + (i + 1) + ")";
            }
        }
        return null;
    }

    private static boolean allowed(char c) {
        return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || ALLOWED_PUNCTUATION.indexOf(c) >= 0;
    }

    private static boolean hex(char c) {
        return c >= '0' && c <= '9' || c >= 'a' && c <= 'f' || c >= 'A' && c <= 'F';
    }

    private static String describe(char c) {
        return switch (c) {
            case '\r' -> "a carriage return (CR)";
            case '\n' -> "a line feed (LF)";
            case ' ' -> "a space";
            case '\t' -> "a tab";
            default -> c < 0x20 || c == 0x7f || c > 0x7e ? String.format("U+%04X", (int) c) : "\"" + c + "\"";
        };
    }
}
