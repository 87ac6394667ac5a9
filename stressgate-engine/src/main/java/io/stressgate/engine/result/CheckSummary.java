package io.stressgate.engine.result;

/**
 * The outcome of one named check of one request name over a run: what it tested, whether a failure failed the
 * request, and how many responses passed and failed it. A check whose request never got a response has no outcome
 * (both counts 0), and a gate over it has nothing to judge.
 */
public record CheckSummary(String request, String name, String condition, boolean failRequest, long passes, long fails) {

    /** Responses the check was put to. */
    public long runs() {
        return passes + fails;
    }
}
