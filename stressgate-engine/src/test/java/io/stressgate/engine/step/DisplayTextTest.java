package io.stressgate.engine.step;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class DisplayTextTest {
    @Test
    void shouldReplaceControlBidiAndZeroWidthCharacters() {
        assertThat(DisplayText.clamp("a\nb\u0000c\u202Ed\u200Be\u2066f\u0085g\u007f", 100))
                .isEqualTo("a\uFFFDb\uFFFDc\uFFFDd\uFFFDe\uFFFDf\uFFFDg\uFFFD");
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
