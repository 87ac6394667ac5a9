package io.stressgate.engine.step;

import java.util.List;
import java.util.stream.Collectors;

/** The arguments of a step call cannot be used; carries every problem found, each with its parameter name. */
public final class StepArgumentException extends Exception {
    private final String step;
    private final transient List<ArgumentProblem> problems;

    public StepArgumentException(String step, List<ArgumentProblem> problems) {
        super(summary(step, problems));
        this.step = step;
        this.problems = List.copyOf(problems);
    }

    /** The function name of the step, such as {@code stressTest}. */
    public String step() {
        return step;
    }

    public List<ArgumentProblem> problems() {
        return problems;
    }

    private static String summary(String step, List<ArgumentProblem> problems) {
        String lines = problems.stream().map(ArgumentProblem::toString).collect(Collectors.joining("\n  "));
        return step + ": " + problems.size() + (problems.size() == 1 ? " problem" : " problems")
                + " with the arguments\n  " + lines;
    }
}
