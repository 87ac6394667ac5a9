package io.stressgate.engine.scenario;

import java.util.List;
import java.util.Set;

/** What one iteration of a phase does. */
public sealed interface Flow permits RequestFlow, JobChain {
    /** The names of the requests this flow sends, each recorded under its own name. */
    Set<String> requestNames();

    /** The request that starts an iteration. */
    RequestSpec first();

    /** Every request this flow can send. */
    List<RequestSpec> requests();
}
