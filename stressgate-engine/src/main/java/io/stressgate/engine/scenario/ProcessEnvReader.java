package io.stressgate.engine.scenario;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * Reads the {@code env} map of a process the run starts (a service, an external load tool): variable names checked,
 * {@code STRESSGATE_RUN} refused (the run sets it), each value through the caller's placeholder rules.
 */
final class ProcessEnvReader {
    private ProcessEnvReader() {
    }

    /** The map (empty when absent), or null when any entry had a problem (each added to {@code problems}). */
    static Map<String, String> read(Fields f, Problems problems, Function<String, String> value) {
        Optional<Node> node = f.node("env");
        if (node.isEmpty()) {
            return Map.of();
        }
        Fields e = Fields.of(node.get(), problems);
        if (e == null) {
            return null;
        }
        Map<String, String> env = new LinkedHashMap<>();
        boolean complete = true;
        for (var entry : e.node().entries().entrySet()) {
            String key = entry.getKey();
            e.accept(key);
            try {
                SystemValues.envName(key);
                if (key.equals("STRESSGATE_RUN")) {
                    throw new IllegalArgumentException("STRESSGATE_RUN is set by the run (it marks every process the run starts)");
                }
            } catch (IllegalArgumentException ex) {
                problems.add(e.node().keyLocation(key), entry.getValue().path(), ex.getMessage());
                complete = false;
                continue;
            }
            String converted = e.convert(entry.getValue(), null, v -> value.apply(SystemValues.argument(v)));
            complete &= converted != null;
            env.put(key, converted);
        }
        return complete ? env : null;
    }
}
