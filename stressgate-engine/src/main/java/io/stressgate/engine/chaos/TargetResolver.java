package io.stressgate.engine.chaos;

import io.stressgate.engine.process.ProcFs;
import io.stressgate.engine.process.ProcessFinder;
import io.stressgate.engine.process.ProcessInfo;
import io.stressgate.engine.process.ProcessKey;
import io.stressgate.engine.process.ProcessQuery;
import io.stressgate.engine.process.ServiceManager;
import io.stressgate.engine.scenario.ProcessSelector;
import io.stressgate.engine.scenario.SystemUnderTest;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Turns the names a scenario uses (services and process groups) into processes: a service's live replicas from the
 * {@link ServiceManager}, a process group through its query. Chaos aims at these processes themselves; for watching,
 * a group with {@code tree} includes every descendant.
 */
public final class TargetResolver {
    private final SystemUnderTest system;
    private final ServiceManager services;
    private final ProcessFinder finder;
    private final ProcFs proc;

    public TargetResolver(SystemUnderTest system, ServiceManager services, ProcessFinder finder, ProcFs proc) {
        this.system = system;
        this.services = services;
        this.finder = finder;
        this.proc = proc;
    }

    /** The processes a chaos target names, as they are now. */
    public Selection select(String target) {
        Optional<ProcessSelector> selector = system.process(target);
        String service = selector.map(ProcessSelector::service).orElse(system.service(target).isPresent() ? target : null);
        if (service != null) {
            return new Selection(List.of(), replicas(service), "the replicas of service " + service);
        }
        if (selector.isEmpty()) {
            return new Selection(List.of(), List.of(), "the unknown target " + target);
        }
        return new Selection(List.of(), finder.find(ProcessQuery.of(selector.get())), selector.get().describe());
    }

    /** The service a target names (directly, or through a process group that follows it), if any. */
    public Optional<String> serviceOf(String target) {
        if (system.service(target).isPresent()) {
            return Optional.of(target);
        }
        return system.process(target).map(ProcessSelector::service);
    }

    /** Every watched group with its processes now: services with their descendants, process groups as declared. */
    public Map<String, List<ProcessInfo>> watched() {
        Map<String, List<ProcessInfo>> groups = new LinkedHashMap<>();
        system.services().forEach(s -> groups.put(s.name(), finder.withDescendants(replicas(s.name()))));
        for (ProcessSelector selector : system.processes()) {
            List<ProcessInfo> roots = selector.service() != null ? replicas(selector.service())
                    : finder.find(ProcessQuery.of(selector));
            groups.put(selector.name(), selector.tree() ? finder.withDescendants(roots) : roots);
        }
        return groups;
    }

    /**
     * The processes of every watched group now without their descendants: the sampler walks those itself, so the
     * process-table scan {@link #watched()} makes for them would be wasted at every refresh.
     */
    public Map<String, List<ProcessInfo>> watchedRoots() {
        Map<String, List<ProcessInfo>> groups = new LinkedHashMap<>();
        system.services().forEach(s -> groups.put(s.name(), replicas(s.name())));
        for (ProcessSelector selector : system.processes()) {
            groups.put(selector.name(), selector.service() != null ? replicas(selector.service())
                    : finder.find(ProcessQuery.of(selector)));
        }
        return groups;
    }

    private List<ProcessInfo> replicas(String service) {
        if (services == null) {
            return List.of();
        }
        List<ProcessInfo> live = new ArrayList<>();
        for (ProcessKey key : services.replicas(service)) {
            proc.process(key.pid()).filter(p -> p.key().equals(key)).ifPresent(live::add);
        }
        return live;
    }
}
