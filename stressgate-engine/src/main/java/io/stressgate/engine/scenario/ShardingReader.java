package io.stressgate.engine.scenario;

import java.util.LinkedHashSet;
import java.util.Set;

/** Reads the optional {@code sharding} block: {@code perShard}, a list of parts from {@link ShardingSpec#PARTS}. */
final class ShardingReader {
    private final Problems problems;

    ShardingReader(Problems problems) {
        this.problems = problems;
    }

    ShardingSpec read(Fields scenario) {
        Node node = scenario.node("sharding").orElse(null);
        if (node == null) {
            return ShardingSpec.NONE;
        }
        Fields f = Fields.of(node, problems);
        if (f == null) {
            return ShardingSpec.NONE;
        }
        Set<String> parts = new LinkedHashSet<>();
        for (Node item : f.list("perShard")) {
            String part = f.convert(item, null, ShardingReader::part);
            if (part != null && !parts.add(part)) {
                problems.add(item, "\"" + part + "\" is listed twice");
            }
        }
        f.finish();
        return new ShardingSpec(parts);
    }

    private static String part(String text) {
        if (!ShardingSpec.PARTS.contains(text)) {
            throw new IllegalArgumentException("\"" + text + "\" is not a part a shard can run for itself; known: "
                    + String.join(", ", ShardingSpec.PARTS));
        }
        return text;
    }
}
