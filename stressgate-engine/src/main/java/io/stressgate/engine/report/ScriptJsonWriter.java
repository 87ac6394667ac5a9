package io.stressgate.engine.report;

import java.io.FilterWriter;
import java.io.IOException;
import java.io.Writer;

/**
 * Passes JSON on to an HTML page's {@code <script type="application/json">} element with {@code < > &} and the two
 * JavaScript line terminators written as {@code \}{@code uXXXX} escapes, so no text in the data can end the element
 * or open another; the JSON reads back unchanged. Closing it leaves the page's writer open.
 */
final class ScriptJsonWriter extends FilterWriter {
    ScriptJsonWriter(Writer page) {
        super(page);
    }

    @Override
    public void write(int c) throws IOException {
        if (escaped((char) c)) {
            out.write(String.format(java.util.Locale.ROOT, "\\u%04x", c & 0xFFFF));
        } else {
            out.write(c);
        }
    }

    @Override
    public void write(char[] chars, int off, int len) throws IOException {
        int from = off;
        int end = off + len;
        for (int i = off; i < end; i++) {
            if (escaped(chars[i])) {
                out.write(chars, from, i - from);
                write(chars[i]);
                from = i + 1;
            }
        }
        out.write(chars, from, end - from);
    }

    @Override
    public void write(String text, int off, int len) throws IOException {
        int from = off;
        int end = off + len;
        for (int i = off; i < end; i++) {
            if (escaped(text.charAt(i))) {
                out.write(text, from, i - from);
                write(text.charAt(i));
                from = i + 1;
            }
        }
        out.write(text, from, end - from);
    }

    @Override
    public void close() throws IOException {
        flush();
    }

    private static boolean escaped(char c) {
        return c == '<' || c == '>' || c == '&' || c == '\u2028' || c == '\u2029';
    }
}
