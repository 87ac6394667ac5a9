package io.stressgate.engine.report;

import java.util.Locale;

/**
 * What a verdict word means for the build, drawn in HTML as the colour of a badge around the word (CSS and Latin
 * text, so it needs no emoji font) and in Markdown as the word alone.
 */
enum Tone {
    PASS, WARN, FAIL, WAIT;

    /** The badge's CSS class in report.html. */
    String cssClass() {
        return name().toLowerCase(Locale.ROOT);
    }
}
