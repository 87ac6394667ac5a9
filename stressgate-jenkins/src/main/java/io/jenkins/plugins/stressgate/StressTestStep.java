package io.jenkins.plugins.stressgate;

import edu.umd.cs.findbugs.annotations.NonNull;
import hudson.AbortException;
import hudson.Extension;
import hudson.Util;
import hudson.model.Run;
import io.stressgate.engine.step.StepArgumentException;
import io.stressgate.engine.step.StressTestArgs;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jenkinsci.plugins.workflow.steps.Step;
import org.jenkinsci.plugins.workflow.steps.StepContext;
import org.jenkinsci.plugins.workflow.steps.StepExecution;
import org.kohsuke.stapler.DataBoundConstructor;
import org.kohsuke.stapler.DataBoundSetter;

/** The {@code stressTest} step: runs a scenario on the agent, attaches its results to the build and gates the build. */
public final class StressTestStep extends Step {
    private final String scenario;
    private Map<Object, Object> vars;
    private List<StressVar> variables;
    private String baseline;
    private String publish;
    private String credentialsId;
    private String timeout;
    private String shard;
    private String shardGroup;
    private String startAt;

    @DataBoundConstructor
    public StressTestStep(String scenario) {
        this.scenario = scenario;
    }

    public String getScenario() {
        return scenario;
    }

    public Map<Object, Object> getVars() {
        return vars;
    }

    /** Values for the scenario's placeholders; they reach the CLI as environment variables, never as arguments. */
    @DataBoundSetter
    public void setVars(Map<Object, Object> vars) {
        this.vars = vars == null ? null : new LinkedHashMap<>(vars);
    }

    public List<StressVar> getVariables() {
        return variables;
    }

    /** The same as {@link #setVars} as a name/value list, the form the Snippet Generator can describe. */
    @DataBoundSetter
    public void setVariables(List<StressVar> variables) {
        this.variables = variables == null || variables.isEmpty() ? null : new ArrayList<>(variables);
    }

    public String getBaseline() {
        return baseline;
    }

    @DataBoundSetter
    public void setBaseline(String baseline) {
        this.baseline = Util.fixEmpty(baseline);
    }

    public String getPublish() {
        return publish;
    }

    @DataBoundSetter
    public void setPublish(String publish) {
        this.publish = Util.fixEmpty(publish);
    }

    public String getCredentialsId() {
        return credentialsId;
    }

    @DataBoundSetter
    public void setCredentialsId(String credentialsId) {
        this.credentialsId = Util.fixEmpty(credentialsId);
    }

    public String getTimeout() {
        return timeout;
    }

    @DataBoundSetter
    public void setTimeout(String timeout) {
        this.timeout = Util.fixEmpty(timeout);
    }

    public String getShard() {
        return shard;
    }

    /** {@code 'I/N'}: run shard I of N of the scenario; the build result is left to {@code stressGateMerge}. */
    @DataBoundSetter
    public void setShard(String shard) {
        this.shard = Util.fixEmpty(shard);
    }

    public String getShardGroup() {
        return shardGroup;
    }

    @DataBoundSetter
    public void setShardGroup(String shardGroup) {
        this.shardGroup = Util.fixEmpty(shardGroup);
    }

    public String getStartAt() {
        return startAt;
    }

    /**
     * When a shard's load starts: {@code 'build+2m'} (two minutes after this build started, the same instant for every
     * branch) or an ISO-8601 instant; only with {@code shard}.
     */
    @DataBoundSetter
    public void setStartAt(String startAt) {
        this.startAt = Util.fixEmpty(startAt);
    }

    @Override
    public StepExecution start(StepContext context) throws Exception {
        Run<?, ?> run = context.get(Run.class);
        Instant buildStart = run == null ? null : Instant.ofEpochMilli(run.getStartTimeInMillis());
        try {
            Map<String, Object> named = StressTestArgs.vars(vars,
                    variables == null ? null : variables.stream().map(StressVar::entry).toList());
            return new StressTestExecution(context, StressTestArgs.of(new StressTestArgs.Input(scenario,
                    named, baseline, publish, credentialsId, timeout, shard, shardGroup, startAt, buildStart), Instant.now()));
        } catch (StepArgumentException e) {
            throw new AbortException(e.getMessage());
        }
    }

    /** Registers {@code stressTest}; it needs a workspace and a launcher, so it runs inside {@code node}. */
    @Extension
    public static final class DescriptorImpl extends AgentStepDescriptor {
        @Override
        public String getFunctionName() {
            return "stressTest";
        }

        @NonNull
        @Override
        public String getDisplayName() {
            return "Run a Stress Gate scenario and gate the build on its results";
        }
    }
}
