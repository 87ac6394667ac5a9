package io.stressgate.engine.scenario;

import java.util.List;

/** A sequence in a scenario file. */
public record ListNode(Location location, String path, List<Node> items) implements Node {
    public ListNode {
        items = List.copyOf(items);
    }

    @Override
    public String kind() {
        return "a list";
    }
}
