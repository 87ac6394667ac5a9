package io.stressgate.engine.report;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class TextTest {

    @Test
    void shouldShowInvisibleAndReorderingCharactersByTheirCodePoint() {
        assertThat(Text.visible("invoice\u202Egnp.exe")).isEqualTo("invoice[U+202E]gnp.exe");
        assertThat(Text.visible("a\u200Bb\u2066c\u0000d\nе")).isEqualTo("a[U+200B]b[U+2066]c[U+0000]d[U+000A]е");
        assertThat(Text.visible("line\u2028break\uFFFE")).isEqualTo("line[U+2028]break[U+FFFE]");
        assertThat(Text.visible("lone \uD800 surrogate")).isEqualTo("lone [U+D800] surrogate");
        assertThat(Text.visible("emoji 😀 and Ünïcödé")).isEqualTo("emoji 😀 and Ünïcödé");
        assertThat(Text.visible(null)).isEmpty();
    }

    @Test
    void shouldEscapeEveryHtmlMarkupCharacter() {
        assertThat(Text.html("<a href='x' title=\"y\">&amp;</a>"))
                .isEqualTo("&lt;a href=&#39;x&#39; title=&quot;y&quot;&gt;&amp;amp;&lt;/a&gt;");
    }

    @Test
    void shouldEscapeXmlAndMakeCharactersXmlCannotHoldVisible() {
        assertThat(Text.xml("a<b>&'\"\u0001")).isEqualTo("a&lt;b&gt;&amp;&apos;&quot;[U+0001]");
    }

    @Test
    void shouldEscapeMarkdownInlineSyntaxAndMarkup() {
        assertThat(Text.markdown("**bold** _it_ `code` [link](javascript:alert(1)) a|b ~x~ <b> \\"))
                .isEqualTo("\\*\\*bold\\*\\* \\_it\\_ \\`code\\` \\[link\\](javascript:alert(1)) a\\|b \\~x\\~ &lt;b&gt; \\\\");
    }

    @Test
    void shouldEscapeAStartThatWouldOpenAMarkdownBlockOnlyWhereABlockStarts() {
        assertThat(Text.markdownBlock("# not a heading")).isEqualTo("\\# not a heading");
        assertThat(Text.markdownBlock("- not a list")).isEqualTo("\\- not a list");
        assertThat(Text.markdownBlock("1. not a list")).isEqualTo("1\\. not a list");
        assertThat(Text.markdownBlock("97.04% share")).isEqualTo("97.04% share");
        assertThat(Text.markdown("# in a cell")).isEqualTo("# in a cell");
    }

    @Test
    void shouldEscapeJsonSoItCannotEndItsScriptElement() {
        assertThat(Text.scriptJson("{\"n\":\"</script><!--&\u2028\u2029\"}"))
                .isEqualTo("{\"n\":\"\\u003c/script\\u003e\\u003c!--\\u0026\\u2028\\u2029\"}");
    }
}
