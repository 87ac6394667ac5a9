package io.stressgate.engine.scenario;

import java.util.List;
import java.util.Optional;

/**
 * What a scenario says about the system under test beyond its URL: the services it starts, the processes it
 * watches, how it samples them, its queues, the chaos it injects, the orphan check and job accounting.
 * Empty for a pure load test.
 */
public record SystemUnderTest(List<ServiceSpec> services, List<ProcessSelector> processes, SamplingSpec sampling,
                              List<QueueSpec> queues, List<ChaosSpec> chaos, OrphanSpec orphans,
                              AccountingSpec accounting) {
    public static final SystemUnderTest NONE = new SystemUnderTest(List.of(), List.of(), SamplingSpec.DEFAULTS,
            List.of(), List.of(), OrphanSpec.DEFAULTS, AccountingSpec.NONE);

    public SystemUnderTest {
        services = List.copyOf(services);
        processes = List.copyOf(processes);
        queues = List.copyOf(queues);
        chaos = List.copyOf(chaos);
    }

    public Optional<ServiceSpec> service(String name) {
        return services.stream().filter(s -> s.name().equals(name)).findFirst();
    }

    public Optional<ProcessSelector> process(String name) {
        return processes.stream().filter(p -> p.name().equals(name)).findFirst();
    }

    public Optional<QueueSpec> queue(String name) {
        return queues.stream().filter(q -> q.name().equals(name)).findFirst();
    }

    /** Names a gate may use in {@code process{name=...}}: every service and every process selector. */
    public List<String> watchedNames() {
        List<String> names = new java.util.ArrayList<>();
        services.forEach(s -> names.add(s.name()));
        processes.forEach(p -> names.add(p.name()));
        return names;
    }

    public boolean isEmpty() {
        return services.isEmpty() && processes.isEmpty() && queues.isEmpty() && chaos.isEmpty();
    }
}
