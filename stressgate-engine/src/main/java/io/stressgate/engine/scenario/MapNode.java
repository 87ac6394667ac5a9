package io.stressgate.engine.scenario;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/** A mapping in a scenario file, keys in the order written. */
public record MapNode(Location location, String path, Map<String, Node> entries, Map<String, Location> keys) implements Node {
    public MapNode {
        entries = Collections.unmodifiableMap(new LinkedHashMap<>(entries));
        keys = Map.copyOf(keys);
    }

    /** Where a key was written, falling back to its value's location. */
    public Location keyLocation(String key) {
        Location at = keys.get(key);
        return at != null ? at : entries.get(key).location();
    }

    public Node get(String key) {
        return entries.get(key);
    }

    @Override
    public String kind() {
        return "a mapping";
    }
}
