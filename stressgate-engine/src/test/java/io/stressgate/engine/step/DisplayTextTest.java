package io.stressgate.engine.step;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class DisplayTextTest {
    @Test
    void shouldMakeControlBidiAndZeroWidthCharactersVisible() {
        assertThat(DisplayText.clamp("a\nb\u0000c\u202Ed\u200Be\u2066f\u0085g\u007f", 100))
                .isEqualTo("a[U+000A]b[U+0000]c[U+202E]d[U+200B]e[U+2066]f[U+0085]g[U+007F]");
        assertThat(DisplayText.hasControl("plain text, ✓")).isFalse();
        assertThat(DisplayText.hasControl("a\u202Eb")).isTrue();
    }

    @Test
    void shouldLeaveMarkupToTheEscapingOfThePage() {
        assertThat(DisplayText.clamp("<img src=x onerror=alert(1)>", 100)).isEqualTo("<img src=x onerror=alert(1)>");
    }

    @Test
    void shouldCutOverlongTextWithAnEllipsisWithinTheLimit() {
        assertThat(DisplayText.clamp("abcdefghij", 5)).isEqualTo("abcd\u2026");
        assertThat(DisplayText.clamp("abc", 3)).isEqualTo("abc");
        assertThat(DisplayText.clamp("abc\uD83D\uDE00def", 5)).isEqualTo("abc\u2026");
        assertThat(DisplayText.clamp(null, 5)).isNull();
    }
}
