package io.stressgate.engine.load;

import io.stressgate.engine.scenario.ShardRole;
import com.fasterxml.jackson.core.JsonPointer;
import io.stressgate.engine.scenario.Flow;
import io.stressgate.engine.scenario.JobChain;
import io.stressgate.engine.scenario.RequestSpec;
import io.stressgate.engine.tasks.JobEvents;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/** What one iteration of a phase does, compiled: the requests in order, or the parts of a job chain. */
final class CompiledFlow {
    final List<String> slots;
    final CompiledRequest[] steps;
    final boolean job;
    final CompiledRequest submit;
    final CompiledRequest poll;
    final CompiledRequest[] then;
    final long pollEveryNanos;
    final long jobTimeoutNanos;
    final JsonPointer statusPointer;
    final Set<String> done;
    final Set<String> failed;
    final int idSlot;
    final JobEvents jobs;
    /** How {{vu}} and {{iteration}} are numbered run-wide when this process is one shard; null when unsharded. */
    ShardRole ids;

    /** A flow whose requests declare no checks (the warm-up's). */
    CompiledFlow(Flow flow, Function<String, Integer> nameIndex, Map<String, Origin> origins, JobEvents jobs) {
        this(flow, nameIndex, null, origins, jobs);
    }

    CompiledFlow(Flow flow, Function<String, Integer> nameIndex, CheckTable checks, Map<String, Origin> origins, JobEvents jobs) {
        this.jobs = jobs;
        slots = new ArrayList<>();
        for (RequestSpec r : flow.requests()) {
            for (String v : r.extract().keySet()) {
                if (!slots.contains(v)) {
                    slots.add(v);
                }
            }
        }
        Function<RequestSpec, CompiledRequest> compile = r -> new CompiledRequest(r, nameIndex.apply(r.name()),
                origins.get(r.origin().toString()), slots, false, checks == null ? null : checks.slots(r));
        if (flow instanceof JobChain chain) {
            job = true;
            submit = compile.apply(chain.submit());
            poll = new CompiledRequest(chain.poll(), nameIndex.apply(chain.poll().name()),
                    origins.get(chain.poll().origin().toString()), slots, true, checks == null ? null : checks.slots(chain.poll()));
            then = chain.then().stream().map(compile).toArray(CompiledRequest[]::new);
            pollEveryNanos = chain.pollEvery().toNanos();
            jobTimeoutNanos = chain.timeout().toNanos();
            statusPointer = JsonPointer.compile(chain.statusPointer());
            done = chain.done();
            failed = chain.failed();
            idSlot = slots.indexOf(JobChain.ID);
            steps = new CompiledRequest[0];
        } else {
            job = false;
            steps = flow.requests().stream().map(compile).toArray(CompiledRequest[]::new);
            submit = null;
            poll = null;
            then = new CompiledRequest[0];
            pollEveryNanos = 0;
            jobTimeoutNanos = 0;
            statusPointer = null;
            done = Set.of();
            failed = Set.of();
            idSlot = -1;
        }
    }

    /** Lets every request of the flow follow redirects and keep cookies by {@code rules}. */
    void client(ClientRules rules) {
        for (CompiledRequest[] requests : new CompiledRequest[][] {steps, then, {submit, poll}}) {
            for (CompiledRequest r : requests) {
                if (r != null) {
                    r.client = rules;
                }
            }
        }
    }

    /** The request an iteration starts with. */
    CompiledRequest first() {
        return job ? submit : steps[0];
    }
}
