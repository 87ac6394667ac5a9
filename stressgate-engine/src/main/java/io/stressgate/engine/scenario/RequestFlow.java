package io.stressgate.engine.scenario;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/** An iteration that sends its requests in order; values extracted by one are available to the next. */
public record RequestFlow(List<RequestSpec> steps) implements Flow {
    /** The flow of an external tool's phase: the tool sends its own requests, so this one has none. */
    public static final RequestFlow EXTERNAL = new RequestFlow(List.of());

    public RequestFlow {
        steps = List.copyOf(steps);
    }

    @Override
    public Set<String> requestNames() {
        Set<String> names = new LinkedHashSet<>();
        steps.forEach(s -> names.add(s.name()));
        return names;
    }

    @Override
    public RequestSpec first() {
        return steps.get(0);
    }

    @Override
    public List<RequestSpec> requests() {
        return steps;
    }
}
