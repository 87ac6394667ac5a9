package io.stressgate.engine.result;

import java.util.List;

/** Checks that a breaking point read from untrusted results can be: rates, counts and shares in range, steps that agree. */
final class BreakingPointCheck {
    private static final String AT = "/breakingPoint";

    private BreakingPointCheck() {
    }

    static void validate(BreakingPoint b) throws ResultsException {
        if (b.phase() == null || b.outcome() == null || b.reason() == null) {
            throw ResultsValidator.invalid(AT, "phase, outcome and reason are required");
        }
        ResultsValidator.name(AT + "/phase", b.phase());
        ResultsValidator.text(AT + "/reason", b.reason(), ResultsValidator.MAX_TEXT);
        optionalRate(AT + "/rate", b.rate());
        optionalRate(AT + "/brokeAt", b.brokeAt());
        ResultsValidator.finiteNonNegative(AT + "/max", b.max());
        if (b.stepMs() <= 0) {
            throw ResultsValidator.invalid(AT + "/stepMs", b.stepMs() + " is not a step length");
        }
        if (b.outcome() == BreakingPoint.Outcome.BROKE && b.brokeAt() == null) {
            throw ResultsValidator.invalid(AT + "/brokeAt", "a search that broke names the rate it broke at");
        }
        if (b.outcome() == BreakingPoint.Outcome.HELD_TO_MAX && (b.rate() == null || b.brokeAt() != null)) {
            throw ResultsValidator.invalid(AT + "/rate", "a search that held to its max has a rate and no brokeAt");
        }
        steps(b.steps());
    }

    private static void steps(List<BreakingStep> steps) throws ResultsException {
        for (int i = 0; i < steps.size(); i++) {
            BreakingStep s = steps.get(i);
            String at = AT + "/steps/" + i;
            ResultsValidator.finiteNonNegative(at + "/rate", s.rate());
            ResultsValidator.nonNegative(at + "/requests", s.requests());
            ResultsValidator.nonNegative(at + "/dropped", s.dropped());
            if (s.p95Ms() != null) {
                ResultsValidator.finiteNonNegative(at + "/p95Ms", s.p95Ms());
            }
            if (s.errorRate() != null && !(s.errorRate() >= 0 && s.errorRate() <= 1)) {
                throw ResultsValidator.invalid(at + "/errorRate", s.errorRate() + " is not a share from 0 to 1");
            }
            if (s.queueMax() != null) {
                ResultsValidator.nonNegative(at + "/queueMax", s.queueMax());
            }
            if (!s.held() && i != steps.size() - 1) {
                throw ResultsValidator.invalid(at + "/held", "only the last step can have broken: the search stops there");
            }
        }
    }

    private static void optionalRate(String at, Double rate) throws ResultsException {
        if (rate != null) {
            ResultsValidator.finiteNonNegative(at, rate);
        }
    }
}
