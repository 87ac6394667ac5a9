package io.stressgate.engine.load;

import io.stressgate.engine.scenario.Template;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

/** A {@link Template} with its placeholders resolved to iteration slots and built-ins, ready to render fast. */
final class CompiledTemplate {
    static final int VU = -1;
    static final int ITERATION = -2;
    static final int UUID_REF = -3;

    private final String[] literals;
    private final int[] refs;

    CompiledTemplate(Template template, List<String> slots) {
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
                out.append(v == null ? "" : v);
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
}
