package io.stressgate.engine.scenario;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/** Collects every problem found while reading a scenario, so that all are reported at once. */
public final class Problems {
    private final List<Problem> list = new ArrayList<>();

    public void add(Node node, String message) {
        list.add(new Problem(node.location(), node.path(), message));
    }

    public void add(Location location, String path, String message) {
        list.add(new Problem(location, path, message));
    }

    public boolean isEmpty() {
        return list.isEmpty();
    }

    public int size() {
        return list.size();
    }

    /** The problems in file order. */
    public List<Problem> list() {
        List<Problem> sorted = new ArrayList<>(list);
        sorted.sort(Comparator.comparingInt((Problem p) -> p.location().line()).thenComparingInt(p -> p.location().column()));
        return List.copyOf(sorted);
    }

    /** Throws a {@link ScenarioException} holding every problem, if there is any. */
    public void throwIfAny(String file) throws ScenarioException {
        if (!list.isEmpty()) {
            throw new ScenarioException(file, list());
        }
    }
}
