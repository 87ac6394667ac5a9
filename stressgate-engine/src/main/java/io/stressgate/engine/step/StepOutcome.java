package io.stressgate.engine.step;

import java.util.ArrayList;
import java.util.List;

/**
 * What a step makes of its run: the build result, the message (the stage warning for UNSTABLE, the error without a
 * stack trace for FAILURE, null for SUCCESS) and the lines to write to the build log.
 */
public record StepOutcome(BuildResult result, String message, List<String> details) {
    public StepOutcome {
        details = List.copyOf(details);
        if (result != BuildResult.SUCCESS && (message == null || message.isBlank())) {
            throw new IllegalArgumentException(result + " needs a message");
        }
    }

    public static StepOutcome success(List<String> details) {
        return new StepOutcome(BuildResult.SUCCESS, null, details);
    }

    public static StepOutcome unstable(String message, List<String> details) {
        return new StepOutcome(BuildResult.UNSTABLE, message, details);
    }

    public static StepOutcome failure(String message, List<String> details) {
        return new StepOutcome(BuildResult.FAILURE, message, details);
    }

    /** Both outcomes in one: the worse result, both messages, all details. */
    public StepOutcome and(StepOutcome other) {
        BuildResult worst = result.worst(other.result);
        String joined = message == null ? other.message : other.message == null ? message : message + "\n" + other.message;
        List<String> all = new ArrayList<>(details);
        all.addAll(other.details);
        return new StepOutcome(worst, worst == BuildResult.SUCCESS ? null : joined, all);
    }
}
