package io.jenkins.plugins.stressgate;

import hudson.AbortException;
import hudson.model.Result;
import hudson.model.Run;
import hudson.model.TaskListener;
import io.stressgate.engine.step.StepOutcome;
import java.io.IOException;
import java.io.PrintStream;
import java.util.function.Supplier;
import org.jenkinsci.plugins.workflow.actions.WarningAction;
import org.jenkinsci.plugins.workflow.graph.FlowNode;
import org.jenkinsci.plugins.workflow.steps.StepContext;

/**
 * Applies a step outcome the engine decided to the build: SUCCESS returns the value, UNSTABLE marks the step's
 * stage and the build unstable and returns the value, FAILURE ends the step with an {@link AbortException}
 * (a message, no stack trace).
 */
final class StepResults {
    private StepResults() {
    }

    static <T> T apply(StepContext context, StepOutcome outcome, Supplier<T> value) throws IOException, InterruptedException {
        PrintStream log = context.get(TaskListener.class).getLogger();
        for (String line : outcome.details()) {
            log.println("[stressgate] " + line);
        }
        switch (outcome.result()) {
            case SUCCESS:
                return value.get();
            case UNSTABLE:
                log.println("WARNING: " + outcome.message());
                context.get(FlowNode.class).addOrReplaceAction(new WarningAction(Result.UNSTABLE).withMessage(outcome.message()));
                context.get(Run.class).setResult(Result.UNSTABLE);
                return value.get();
            default:
                throw new AbortException(outcome.message());
        }
    }
}
