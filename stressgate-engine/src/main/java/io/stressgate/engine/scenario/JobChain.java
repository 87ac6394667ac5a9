package io.stressgate.engine.scenario;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * An asynchronous job: submit it, read its id from the JSON response, poll a status URL every {@code pollEvery}
 * until the status (read at {@code statusPointer}) is one of {@code done} or {@code failed} or {@code timeout}
 * passes, then send the {@code then} requests. The time from submit to done is recorded as the job's
 * end-to-end time. {@code pending} names the statuses of a job still waiting in a queue (for job accounting).
 */
public record JobChain(
        RequestSpec submit,
        String idPointer,
        RequestSpec poll,
        Duration pollEvery,
        String statusPointer,
        Set<String> done,
        Set<String> failed,
        Set<String> pending,
        Duration timeout,
        List<RequestSpec> then) implements Flow {

    /** The placeholder that holds the job id in the poll and then requests. */
    public static final String ID = "id";

    public JobChain {
        done = Set.copyOf(done);
        failed = Set.copyOf(failed);
        pending = Set.copyOf(pending);
        then = List.copyOf(then);
    }

    @Override
    public Set<String> requestNames() {
        Set<String> names = new LinkedHashSet<>();
        requests().forEach(r -> names.add(r.name()));
        return names;
    }

    @Override
    public RequestSpec first() {
        return submit;
    }

    @Override
    public List<RequestSpec> requests() {
        List<RequestSpec> all = new ArrayList<>();
        all.add(submit);
        all.add(poll);
        all.addAll(then);
        return all;
    }
}
