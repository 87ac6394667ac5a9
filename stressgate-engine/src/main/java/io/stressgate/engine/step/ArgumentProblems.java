package io.stressgate.engine.step;

import io.stressgate.engine.scenario.Quantities;
import io.stressgate.engine.scenario.QuantityException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** Collects every problem in the arguments of one step call, so that all are reported at once. */
final class ArgumentProblems {
    private final String step;
    private final List<ArgumentProblem> list = new ArrayList<>();

    ArgumentProblems(String step) {
        this.step = step;
    }

    void add(String parameter, String message) {
        list.add(new ArgumentProblem(parameter, message));
    }

    boolean isEmpty() {
        return list.isEmpty();
    }

    void throwIfAny() throws StepArgumentException {
        if (!list.isEmpty()) {
            throw new StepArgumentException(step, list);
        }
    }

    /** A duration between the bounds, or null (with a problem) when it is not one; null text gives null quietly. */
    Duration duration(String parameter, String text, Duration min, Duration max) {
        if (text == null) {
            return null;
        }
        try {
            Duration d = Quantities.duration(text);
            if (d.compareTo(min) < 0 || d.compareTo(max) > 0) {
                add(parameter, "\"" + DisplayText.clamp(text, 40) + "\" is outside " + Quantities.format(min)
                        + " to " + Quantities.format(max));
                return null;
            }
            return d;
        } catch (QuantityException e) {
            add(parameter, DisplayText.clamp(e.getMessage(), 200));
            return null;
        }
    }

    /** A whole number between the bounds, or the default when absent. */
    int count(String parameter, Integer value, int dflt, int min, int max) {
        if (value == null) {
            return dflt;
        }
        if (value < min || value > max) {
            add(parameter, value + " is outside " + min + " to " + max);
            return dflt;
        }
        return value;
    }

    /** Text that is present, not blank, no longer than the limit and free of control characters; else null. */
    String text(String parameter, String value, int maxLength) {
        if (value == null) {
            return null;
        }
        if (value.isBlank()) {
            add(parameter, "is empty");
            return null;
        }
        if (value.length() > maxLength) {
            add(parameter, "is " + value.length() + " characters long; at most " + maxLength + " are allowed");
            return null;
        }
        if (DisplayText.hasControl(value)) {
            add(parameter, "contains a control character");
            return null;
        }
        return value;
    }
}
