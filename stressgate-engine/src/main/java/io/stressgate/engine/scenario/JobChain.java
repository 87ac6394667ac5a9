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
 * {@code completionsPointer} (optional, may be null) points at a number in the poll response saying how often the
 * job has completed, so job accounting can count a job completed more than once as duplicated.
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
        List<RequestSpec> then,
        String completionsPointer) implements Flow {

    /** The placeholder that holds the job id in the poll and then requests. */
    public static final String ID = "id";

    public JobChain {
        done = Set.copyOf(done);
        failed = Set.copyOf(failed);
        pending = Set.copyOf(pending);
        then = List.copyOf(then);
    }

    /** A chain whose poll response says nothing about how often the job completed. */
    public JobChain(RequestSpec submit, String idPointer, RequestSpec poll, Duration pollEvery, String statusPointer,
                    Set<String> done, Set<String> failed, Set<String> pending, Duration timeout, List<RequestSpec> then) {
        this(submit, idPointer, poll, pollEvery, statusPointer, done, failed, pending, timeout, then, null);
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
