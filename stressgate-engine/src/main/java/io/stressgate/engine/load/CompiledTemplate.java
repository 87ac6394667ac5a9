package io.stressgate.engine.load;

import io.stressgate.engine.scenario.ShardRole;
import io.stressgate.engine.scenario.Template;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;

/**
 * A {@link Template} with its placeholders resolved to iteration slots and built-ins, written as bytes straight into
 * a request's buffer with its length known beforehand, so rendering it allocates nothing. Values taken from responses
 * are data: where they land decides how they are escaped, so a hostile value can neither end the request line nor
 * start a header or a second request.
 */
final class CompiledTemplate {
    static final int VU = -1;
    static final int ITERATION = -2;
    static final int UUID_REF = -3;

    /** Where the rendered text goes, which decides how placeholder values are escaped. */
    enum Place {
        /** The request target: everything but RFC 3986 unreserved characters is percent-encoded. */
        URL,
        /** A header value: CR, LF and NUL are percent-encoded, so a value cannot start a header or a request. */
        HEADER,
        /** The body: values go in as they are (the body's length is counted before it is written). */
        BODY,
        /**
         * A {@code json:} body, where every placeholder stands inside a JSON string: quote, backslash and control
         * characters are escaped as JSON wants, so a value cannot end the string or break the document.
         */
        JSON
    }

    private final byte[][] literals;
    /** The bytes of all literals together. */
    private final int literalBytes;
    private final String text;
    private final int[] refs;
    private final Place place;

    CompiledTemplate(Template template, List<String> slots, Place place) {
        this.place = place;
        text = template.literals().get(0);
        literals = template.literals().stream().map(l -> l.getBytes(StandardCharsets.UTF_8)).toArray(byte[][]::new);
        literalBytes = java.util.Arrays.stream(literals).mapToInt(l -> l.length).sum();
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

    /** The text of a static template. */
    String text() {
        return text;
    }

    /** The bytes {@link #write} writes for {@code it} (a {{uuid}} always takes 36, whichever is drawn). */
    int length(Iteration it) {
        int n = literalBytes;
        for (int ref : refs) {
            if (ref >= 0) {
                String v = it.vars[ref];
                n += v == null ? 0 : WireText.length(v, place);
            } else {
                n += ref == UUID_REF ? WireText.UUID_LENGTH : WireText.digits(number(ref, it));
            }
        }
        return n;
    }

    /** Writes the text for {@code it} into {@code out}, which has room for {@link #length} more bytes. */
    void write(ByteBuffer out, Iteration it) {
        for (int i = 0; i < refs.length; i++) {
            out.put(literals[i]);
            int ref = refs[i];
            if (ref >= 0) {
                String v = it.vars[ref];
                if (v != null) {
                    WireText.put(out, v, place);
                }
            } else if (ref == UUID_REF) {
                ThreadLocalRandom r = ThreadLocalRandom.current();
                WireText.putUuid(out, r.nextLong() & 0xffffffffffff0fffL | 0x4000L, r.nextLong() & 0x3fffffffffffffffL | 0x8000000000000000L);
            } else {
                WireText.putLong(out, number(ref, it));
            }
        }
        out.put(literals[literals.length - 1]);
    }

    /** The run-wide number of the virtual user or iteration ({@link ShardRole#globalId} when the run is sharded). */
    private static long number(int ref, Iteration it) {
        long local = ref == VU ? it.vu : it.number;
        ShardRole ids = it.phase.flow.ids;
        return ids == null ? local : ids.globalId(local);
    }
}
