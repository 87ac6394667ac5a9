package io.stressgate.engine.load;

import io.stressgate.engine.scenario.Template;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

/**
 * A {@link Template} with its placeholders resolved to iteration slots and built-ins, ready to render fast. Values
 * taken from responses are data: where they land decides how they are escaped, so a hostile value can neither end
 * the request line nor start a header or a second request.
 */
final class CompiledTemplate {
    static final int VU = -1;
    static final int ITERATION = -2;
    static final int UUID_REF = -3;
    private static final char[] HEX = "0123456789ABCDEF".toCharArray();

    /** Where the rendered text goes, which decides how placeholder values are escaped. */
    enum Place {
        /** The request target: everything but RFC 3986 unreserved characters is percent-encoded. */
        URL,
        /** A header value: CR, LF and NUL are percent-encoded, so a value cannot start a header or a request. */
        HEADER,
        /** The body: values go in as they are (the body's length is counted after rendering). */
        BODY
    }

    private final String[] literals;
    private final int[] refs;
    private final Place place;

    CompiledTemplate(Template template, List<String> slots, Place place) {
        this.place = place;
        literals = template.literals().toArray(new String[0]);
        refs = new int[template.names().size()];
        for (int i = 0; i < refs.length; i++) {
            String name = template.names().get(i);
            refs[i] = switch (name) {
                case "vu" -> VU;
                case "iteration" -> ITERATION;
                case "uuid" -> UUID_REF;
                default -> {
                    int slot = slots.indexOf(name);
                    if (slot < 0) {
                        throw new IllegalStateException("placeholder {{" + name + "}} has no slot; validation should have refused it");
                    }
                    yield slot;
                }
            };
        }
    }

    boolean isStatic() {
        return refs.length == 0;
    }

    String text() {
        return literals[0];
    }

    void render(StringBuilder out, Iteration it) {
        for (int i = 0; i < refs.length; i++) {
            out.append(literals[i]);
            int ref = refs[i];
            if (ref >= 0) {
                String v = it.vars[ref];
                if (v != null) {
                    appendValue(out, v);
                }
            } else if (ref == VU) {
                out.append(it.phase.flow.ids == null ? it.vu : it.phase.flow.ids.globalId(it.vu));
            } else if (ref == ITERATION) {
                out.append(it.phase.flow.ids == null ? it.number : it.phase.flow.ids.globalId(it.number));
            } else {
                ThreadLocalRandom r = ThreadLocalRandom.current();
                out.append(new UUID(r.nextLong() & 0xffffffffffff0fffL | 0x4000L, r.nextLong() & 0x3fffffffffffffffL | 0x8000000000000000L));
            }
        }
        out.append(literals[literals.length - 1]);
    }

    private void appendValue(StringBuilder out, String v) {
        switch (place) {
            case URL -> appendUrlEncoded(out, v);
            case HEADER -> appendHeaderSafe(out, v);
            default -> out.append(v);
        }
    }

    /** Percent-encodes the UTF-8 bytes of every character but the unreserved ones, straight into {@code out}. */
    static void appendUrlEncoded(StringBuilder out, CharSequence v) {
        for (int i = 0; i < v.length(); i++) {
            char c = v.charAt(i);
            if (unreserved(c)) {
                out.append(c);
            } else if (c < 0x80) {
                appendByte(out, c);
            } else if (c < 0x800) {
                appendByte(out, 0xC0 | c >> 6);
                appendByte(out, 0x80 | c & 0x3F);
            } else if (Character.isHighSurrogate(c) && i + 1 < v.length() && Character.isLowSurrogate(v.charAt(i + 1))) {
                int cp = Character.toCodePoint(c, v.charAt(++i));
                appendByte(out, 0xF0 | cp >> 18);
                appendByte(out, 0x80 | cp >> 12 & 0x3F);
                appendByte(out, 0x80 | cp >> 6 & 0x3F);
                appendByte(out, 0x80 | cp & 0x3F);
            } else if (Character.isSurrogate(c)) {
                appendByte(out, '?'); // a lone surrogate has no UTF-8 form; String.getBytes writes '?' too
            } else {
                appendByte(out, 0xE0 | c >> 12);
                appendByte(out, 0x80 | c >> 6 & 0x3F);
                appendByte(out, 0x80 | c & 0x3F);
            }
        }
    }

    private static void appendHeaderSafe(StringBuilder out, String v) {
        for (int i = 0; i < v.length(); i++) {
            char c = v.charAt(i);
            if (c == '\r' || c == '\n' || c == 0) {
                appendByte(out, c);
            } else {
                out.append(c);
            }
        }
    }

    private static boolean unreserved(char c) {
        return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '-' || c == '.' || c == '_'
                || c == '~';
    }

    private static void appendByte(StringBuilder out, int b) {
        out.append('%').append(HEX[b >> 4 & 0xF]).append(HEX[b & 0xF]);
    }
}
