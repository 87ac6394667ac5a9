package io.stressgate.engine.step;

import io.stressgate.engine.report.Text;

/**
 * Makes untrusted text safe to show on one line of a build log, a step message or a build page: every invisible or
 * layout-changing character is made visible the way the reports do it ({@link Text#visible}), so text cannot pretend
 * to be something else, and overlong text is cut with an ellipsis. HTML escaping stays the job of the page (Jelly
 * escape-by-default, {@code textContent}).
 */
public final class DisplayText {
    private DisplayText() {
    }

    /** The text made visible and cut to at most {@code max} characters; null stays null. */
    public static String clamp(String text, int max) {
        if (text == null) {
            return null;
        }
        String visible = Text.visible(text);
        int limit = Math.max(1, max);
        if (visible.length() <= limit) {
            return visible;
        }
        int end = limit - 1;
        if (end > 0 && Character.isHighSurrogate(visible.charAt(end - 1))) {
            end--;
        }
        return visible.substring(0, end) + '\u2026';
    }

    /** Whether the text holds a character that {@link #clamp} would make visible. */
    public static boolean hasControl(String text) {
        return !Text.visible(text).equals(text);
    }
}
