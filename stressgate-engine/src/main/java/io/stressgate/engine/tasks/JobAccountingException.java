package io.stressgate.engine.tasks;

import io.stressgate.engine.result.JobsSummary;

/** Job accounting could not be completed; {@link #partial()} holds what was counted, without the missing part. */
public final class JobAccountingException extends Exception {
    private final transient JobsSummary partial;

    public JobAccountingException(String message, JobsSummary partial, Throwable cause) {
        super(message, cause);
        this.partial = partial;
    }

    public JobsSummary partial() {
        return partial;
    }
}
