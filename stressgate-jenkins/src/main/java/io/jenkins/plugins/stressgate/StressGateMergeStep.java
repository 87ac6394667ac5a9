package io.jenkins.plugins.stressgate;

import edu.umd.cs.findbugs.annotations.NonNull;
import hudson.AbortException;
import hudson.Extension;
import hudson.Util;
import hudson.model.Run;
import hudson.model.TaskListener;
import io.stressgate.engine.step.ShardStep;
import io.stressgate.engine.step.StepArgumentException;
import java.util.Set;
import org.jenkinsci.plugins.workflow.graph.FlowNode;
import org.jenkinsci.plugins.workflow.steps.Step;
import org.jenkinsci.plugins.workflow.steps.StepContext;
import org.jenkinsci.plugins.workflow.steps.StepDescriptor;
import org.jenkinsci.plugins.workflow.steps.StepExecution;
import org.kohsuke.stapler.DataBoundConstructor;
import org.kohsuke.stapler.DataBoundSetter;

/**
 * The {@code stressGateMerge} step: merges the shards this build's {@code stressTest(scenario:, shard: 'I/N')} calls
 * recorded into one run, gives the build and the stage its result, and attaches one report. It runs on the
 * controller (no {@code node}): it reads only what the shard steps already brought back and stored.
 */
public final class StressGateMergeStep extends Step {
    private final String scenario;
    private String shardGroup;
    private String baseline;

    @DataBoundConstructor
    public StressGateMergeStep(String scenario) {
        this.scenario = scenario;
    }

    public String getScenario() {
        return scenario;
    }

    public String getShardGroup() {
        return shardGroup;
    }

    @DataBoundSetter
    public void setShardGroup(String shardGroup) {
        this.shardGroup = Util.fixEmpty(shardGroup);
    }

    public String getBaseline() {
        return baseline;
    }

    @DataBoundSetter
    public void setBaseline(String baseline) {
        this.baseline = Util.fixEmpty(baseline);
    }

    @Override
    public StepExecution start(StepContext context) throws Exception {
        try {
            return new StressGateMergeExecution(context, ShardStep.MergeArgs.of("stressGateMerge", scenario, shardGroup, baseline));
        } catch (StepArgumentException e) {
            throw new AbortException(e.getMessage());
        }
    }

    /** Registers {@code stressGateMerge}; it needs no workspace, so it may run outside {@code node}. */
    @Extension
    public static final class DescriptorImpl extends StepDescriptor {
        private static final Set<Class<?>> CONTEXT = Set.of(Run.class, TaskListener.class, FlowNode.class);

        @Override
        public Set<? extends Class<?>> getRequiredContext() {
            return CONTEXT;
        }

        @Override
        public String getFunctionName() {
            return "stressGateMerge";
        }

        @NonNull
        @Override
        public String getDisplayName() {
            return "Merge the shards of a Stress Gate run and gate the build on the merge";
        }
    }
}
