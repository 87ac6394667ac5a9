package io.stressgate.engine.step;

/**
 * Makes untrusted text safe to show as one line: control characters, bidirectional overrides and zero-width
 * characters become U+FFFD (so text cannot pretend to be something else), and overlong text is cut with an ellipsis.
 * HTML escaping stays the job of the page (Jelly escape-by-default, {@code textContent}).
 */
public final class DisplayText {
    /** The replacement for characters that must not be shown as they are. */
    public static final char REPLACEMENT = '\uFFFD';

    private DisplayText() {
    }

    /** The text made safe and cut to at most {@code max} characters; null stays null. */
    public static String clamp(String text, int max) {
        if (text == null) {
            return null;
        }
        int limit = Math.max(1, max);
        StringBuilder out = new StringBuilder(Math.min(text.length(), limit));
        for (int i = 0; i < text.length() && out.length() < limit; i++) {
            char c = text.charAt(i);
            out.append(isHidden(c) ? REPLACEMENT : c);
        }
        if (text.length() > limit) {
            out.setLength(limit - 1);
            if (Character.isHighSurrogate(out.charAt(out.length() - 1))) {
                out.setLength(out.length() - 1);
            }
            out.append('\u2026');
        }
        return out.toString();
    }

    /** Whether the text holds a character that {@link #clamp} would replace. */
    public static boolean hasControl(String text) {
        for (int i = 0; i < text.length(); i++) {
            if (isHidden(text.charAt(i))) {
                return true;
            }
        }
        return false;
    }

    /** Controls, DEL, C1 controls, bidirectional embeddings, overrides and isolates, and zero-width characters. */
    static boolean isHidden(char c) {
        return c < 0x20 || c >= 0x7f && c <= 0x9f
                || c >= '\u200b' && c <= '\u200f'
                || c >= '\u202a' && c <= '\u202e'
                || c >= '\u2060' && c <= '\u2069'
                || c == '\ufeff';
    }
}
