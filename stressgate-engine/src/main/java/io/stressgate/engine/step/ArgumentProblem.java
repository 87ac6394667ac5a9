package io.stressgate.engine.step;

/** One thing wrong with a step argument: the parameter as the Pipeline script names it, and what is wrong. */
public record ArgumentProblem(String parameter, String message) {
    @Override
    public String toString() {
        return parameter + ": " + message;
    }
}
