package io.stressgate.engine.scenario;

import java.util.List;
import java.util.stream.Collectors;

/** A scenario that cannot run, with every problem found in it. */
public final class ScenarioException extends Exception {
    private final String file;
    private final transient List<Problem> problems;

    public ScenarioException(String file, List<Problem> problems) {
        super(summary(file, problems));
        this.file = file;
        this.problems = List.copyOf(problems);
    }

    public String file() {
        return file;
    }

    public List<Problem> problems() {
        return problems;
    }

    private static String summary(String file, List<Problem> problems) {
        String lines = problems.stream().map(Problem::toString).collect(Collectors.joining("\n  "));
        return file + ": " + problems.size() + (problems.size() == 1 ? " problem" : " problems") + "\n  " + lines;
    }
}
