package io.jenkins.plugins.stressgate;

import edu.umd.cs.findbugs.annotations.NonNull;
import hudson.AbortException;
import hudson.Extension;
import hudson.Util;
import io.stressgate.engine.step.AssertNoOrphansArgs;
import io.stressgate.engine.step.StepArgumentException;
import org.jenkinsci.plugins.workflow.steps.Step;
import org.jenkinsci.plugins.workflow.steps.StepContext;
import org.jenkinsci.plugins.workflow.steps.StepExecution;
import org.kohsuke.stapler.DataBoundConstructor;
import org.kohsuke.stapler.DataBoundSetter;

/**
 * The {@code assertNoOrphans} step: fails the build when processes of the run outlived it. It must run inside the
 * {@code node} block that started them: when the block ends, Jenkins kills every process carrying its cookie and the
 * evidence is gone.
 */
public final class AssertNoOrphansStep extends Step {
    private String cookie;
    private String pattern;
    private boolean reap = true;
    private String grace;

    @DataBoundConstructor
    public AssertNoOrphansStep() {
    }

    public String getCookie() {
        return cookie;
    }

    @DataBoundSetter
    public void setCookie(String cookie) {
        this.cookie = Util.fixEmpty(cookie);
    }

    public String getPattern() {
        return pattern;
    }

    @DataBoundSetter
    public void setPattern(String pattern) {
        this.pattern = Util.fixEmpty(pattern);
    }

    public boolean isReap() {
        return reap;
    }

    @DataBoundSetter
    public void setReap(boolean reap) {
        this.reap = reap;
    }

    public String getGrace() {
        return grace;
    }

    @DataBoundSetter
    public void setGrace(String grace) {
        this.grace = Util.fixEmpty(grace);
    }

    @Override
    public StepExecution start(StepContext context) throws Exception {
        try {
            return new AssertNoOrphansExecution(context, AssertNoOrphansArgs.of(new AssertNoOrphansArgs.Input(cookie, pattern,
                    reap, grace)));
        } catch (StepArgumentException e) {
            throw new AbortException(e.getMessage());
        }
    }

    /** Registers {@code assertNoOrphans}; it scans the agent's processes, so it runs inside {@code node}. */
    @Extension
    public static final class DescriptorImpl extends AgentStepDescriptor {
        @Override
        public String getFunctionName() {
            return "assertNoOrphans";
        }

        @NonNull
        @Override
        public String getDisplayName() {
            return "Fail when processes of the run outlived it (run it before the node block ends)";
        }
    }
}
