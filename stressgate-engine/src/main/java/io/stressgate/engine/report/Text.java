package io.stressgate.engine.report;

import java.util.Locale;

/**
 * Makes untrusted text safe to show in each output format. Every function first makes invisible characters visible
 * (controls, bidi overrides, zero-width marks, line separators, lone surrogates become {@code [U+202E]}), so a name
 * can neither break a line or table row nor reorder what a reader sees.
 */
public final class Text {
    private Text() {
    }

    /** The text with every invisible or layout-changing character replaced by its code point; null becomes "". */
    public static String visible(String text) {
        if (text == null) {
            return "";
        }
        StringBuilder out = new StringBuilder(text.length());
        int i = 0;
        while (i < text.length()) {
            int cp = text.codePointAt(i);
            if (isInvisible(cp)) {
                out.append(String.format(Locale.ROOT, "[U+%04X]", cp));
            } else {
                out.appendCodePoint(cp);
            }
            i += Character.charCount(cp);
        }
        return out.toString();
    }

    private static boolean isInvisible(int cp) {
        int type = Character.getType(cp);
        return type == Character.CONTROL || type == Character.FORMAT || type == Character.SURROGATE
                || type == Character.LINE_SEPARATOR || type == Character.PARAGRAPH_SEPARATOR
                || (cp & 0xFFFE) == 0xFFFE || cp >= 0xFDD0 && cp <= 0xFDEF;
    }

    /** Text for HTML element content and double- or single-quoted attribute values. */
    public static String html(String text) {
        return replaceEach(visible(text), c -> switch (c) {
            case '&' -> "&amp;";
            case '<' -> "&lt;";
            case '>' -> "&gt;";
            case '"' -> "&quot;";
            case '\'' -> "&#39;";
            default -> null;
        });
    }

    /** Text for XML 1.0 element content and attribute values; characters XML cannot hold are made visible first. */
    static String xml(String text) {
        return html(text).replace("&#39;", "&apos;");
    }

    /**
     * Text inside a line of Markdown (a table cell, after a label), also when the Markdown is rendered as HTML:
     * markup characters become entities, and inline syntax and table pipes are backslash-escaped.
     */
    static String markdown(String text) {
        return replaceEach(visible(text), c -> switch (c) {
            case '&' -> "&amp;";
            case '<' -> "&lt;";
            case '>' -> "&gt;";
            case '\\', '`', '*', '_', '[', ']', '|', '~' -> "\\" + c;
            default -> null;
        });
    }

    /** Text that starts a Markdown block (a list item): also escapes a start that would open a heading or list. */
    static String markdownBlock(String text) {
        String s = markdown(text);
        if (s.isEmpty()) {
            return s;
        }
        if ("#+-=".indexOf(s.charAt(0)) >= 0) {
            return "\\" + s;
        }
        int digits = 0;
        while (digits < s.length() && s.charAt(digits) >= '0' && s.charAt(digits) <= '9') {
            digits++;
        }
        boolean ordered = digits > 0 && digits < s.length() && (s.charAt(digits) == '.' || s.charAt(digits) == ')')
                && (digits + 1 == s.length() || s.charAt(digits + 1) == ' ');
        if (ordered) {
            return s.substring(0, digits) + "\\" + s.substring(digits);
        }
        return s;
    }

    /**
     * JSON made safe to sit inside a {@code <script>} element: {@code <}, {@code >}, {@code &}, U+2028 and U+2029
     * become {@code \\uXXXX}. They can only occur inside JSON strings, where the escape means the same character.
     */
    static String scriptJson(String json) {
        java.io.StringWriter out = new java.io.StringWriter(json.length() + 16);
        try (ScriptJsonWriter escaping = new ScriptJsonWriter(out)) {
            escaping.write(json);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        return out.toString();
    }

    /** The text with each character for which {@code replacement} gives a string replaced by it. */
    private static String replaceEach(String text, CharFunction replacement) {
        StringBuilder out = new StringBuilder(text.length() + 16);
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            String r = replacement.apply(c);
            if (r == null) {
                out.append(c);
            } else {
                out.append(r);
            }
        }
        return out.toString();
    }

    /** What a character is replaced by, or null to keep it. */
    @FunctionalInterface
    private interface CharFunction {
        String apply(char c);
    }
}
