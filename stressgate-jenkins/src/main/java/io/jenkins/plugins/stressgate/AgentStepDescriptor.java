package io.jenkins.plugins.stressgate;

import hudson.EnvVars;
import hudson.FilePath;
import hudson.Launcher;
import hudson.model.Run;
import hudson.model.TaskListener;
import java.util.Set;
import org.jenkinsci.plugins.workflow.graph.FlowNode;
import org.jenkinsci.plugins.workflow.steps.StepDescriptor;

/**
 * The descriptor of a step that starts the CLI on an agent: it needs a workspace, a launcher and the build
 * environment, so Pipeline accepts it only inside {@code node}.
 */
public abstract class AgentStepDescriptor extends StepDescriptor {
    private static final Set<Class<?>> CONTEXT = Set.of(Run.class, TaskListener.class, FilePath.class, Launcher.class,
            EnvVars.class, FlowNode.class);

    @Override
    public Set<? extends Class<?>> getRequiredContext() {
        return CONTEXT;
    }
}
