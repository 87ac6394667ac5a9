package io.jenkins.plugins.stressgate;

import edu.umd.cs.findbugs.annotations.NonNull;
import hudson.AbortException;
import hudson.Extension;
import hudson.Util;
import io.stressgate.engine.step.ChaosKillArgs;
import io.stressgate.engine.step.StepArgumentException;
import java.util.List;
import org.jenkinsci.plugins.workflow.steps.Step;
import org.jenkinsci.plugins.workflow.steps.StepContext;
import org.jenkinsci.plugins.workflow.steps.StepExecution;
import org.kohsuke.stapler.DataBoundConstructor;
import org.kohsuke.stapler.DataBoundSetter;

/**
 * The {@code chaosKill} step: kills, signals or pauses selected processes on the agent, or stops a service with a
 * command and restores it, behind the CLI's safety rules.
 */
public final class ChaosKillStep extends Step {
    private Integer pid;
    private String pidFile;
    private String name;
    private String cmdline;
    private Integer port;
    private String signal;
    private Integer count;
    private Integer max;
    private String scope;
    private String among;
    private String pick;
    private String pauseFor;
    private List<Object> command;
    private List<Object> restore;
    private String recoverHttp;
    private String recoverTcp;
    private List<Object> recoverCommand;
    private String recoverTimeout;
    private boolean dryRun;

    @DataBoundConstructor
    public ChaosKillStep() {
    }

    // Getters and setters are the step's parameters; the Snippet Generator sends "" for a field left empty.

    public Integer getPid() {
        return pid;
    }

    /** A process id; an Integer (not Long) so that Groovy numbers and empty form fields both bind to it. */
    @DataBoundSetter
    public void setPid(Integer pid) {
        this.pid = pid;
    }

    public String getPidFile() {
        return pidFile;
    }

    @DataBoundSetter
    public void setPidFile(String pidFile) {
        this.pidFile = Util.fixEmpty(pidFile);
    }

    public String getName() {
        return name;
    }

    @DataBoundSetter
    public void setName(String name) {
        this.name = Util.fixEmpty(name);
    }

    public String getCmdline() {
        return cmdline;
    }

    @DataBoundSetter
    public void setCmdline(String cmdline) {
        this.cmdline = Util.fixEmpty(cmdline);
    }

    public Integer getPort() {
        return port;
    }

    @DataBoundSetter
    public void setPort(Integer port) {
        this.port = port;
    }

    public String getSignal() {
        return signal;
    }

    @DataBoundSetter
    public void setSignal(String signal) {
        this.signal = Util.fixEmpty(signal);
    }

    public Integer getCount() {
        return count;
    }

    @DataBoundSetter
    public void setCount(Integer count) {
        this.count = count;
    }

    public Integer getMax() {
        return max;
    }

    @DataBoundSetter
    public void setMax(Integer max) {
        this.max = max;
    }

    public String getScope() {
        return scope;
    }

    @DataBoundSetter
    public void setScope(String scope) {
        this.scope = Util.fixEmpty(scope);
    }

    public String getAmong() {
        return among;
    }

    /** Which processes are the candidates: matches (default), children or leaves; validated in the engine. */
    @DataBoundSetter
    public void setAmong(String among) {
        this.among = Util.fixEmpty(among);
    }

    public String getPick() {
        return pick;
    }

    /** Which candidates are hit: first (default), oldest, youngest, random or busy; validated in the engine. */
    @DataBoundSetter
    public void setPick(String pick) {
        this.pick = Util.fixEmpty(pick);
    }

    public String getPauseFor() {
        return pauseFor;
    }

    @DataBoundSetter
    public void setPauseFor(String pauseFor) {
        this.pauseFor = Util.fixEmpty(pauseFor);
    }

    public List<Object> getCommand() {
        return command;
    }

    /** A stop instead of signals: the command that stops the service, as a list of arguments (never a shell string). */
    @DataBoundSetter
    public void setCommand(List<Object> command) {
        this.command = command;
    }

    public List<Object> getRestore() {
        return restore;
    }

    /** With {@code command}: the command that brings the service back after {@code pauseFor}, as a list of arguments. */
    @DataBoundSetter
    public void setRestore(List<Object> restore) {
        this.restore = restore;
    }

    public String getRecoverHttp() {
        return recoverHttp;
    }

    @DataBoundSetter
    public void setRecoverHttp(String recoverHttp) {
        this.recoverHttp = Util.fixEmpty(recoverHttp);
    }

    public String getRecoverTcp() {
        return recoverTcp;
    }

    @DataBoundSetter
    public void setRecoverTcp(String recoverTcp) {
        this.recoverTcp = Util.fixEmpty(recoverTcp);
    }

    public List<Object> getRecoverCommand() {
        return recoverCommand;
    }

    @DataBoundSetter
    public void setRecoverCommand(List<Object> recoverCommand) {
        this.recoverCommand = recoverCommand;
    }

    public String getRecoverTimeout() {
        return recoverTimeout;
    }

    @DataBoundSetter
    public void setRecoverTimeout(String recoverTimeout) {
        this.recoverTimeout = Util.fixEmpty(recoverTimeout);
    }

    public boolean isDryRun() {
        return dryRun;
    }

    @DataBoundSetter
    public void setDryRun(boolean dryRun) {
        this.dryRun = dryRun;
    }

    @Override
    public StepExecution start(StepContext context) throws Exception {
        Long id = pid == null ? null : pid.longValue();
        try {
            return new ChaosKillExecution(context, ChaosKillArgs.of(new ChaosKillArgs.Input(id, pidFile, name, cmdline,
                    port, signal, count, max, scope, among, pick, pauseFor, command, restore, recoverHttp, recoverTcp, recoverCommand,
                    recoverTimeout, dryRun)));
        } catch (StepArgumentException e) {
            throw new AbortException(e.getMessage());
        }
    }

    /** Registers {@code chaosKill}; it acts on the agent's processes, so it runs inside {@code node}. */
    @Extension
    public static final class DescriptorImpl extends AgentStepDescriptor {
        @Override
        public String getFunctionName() {
            return "chaosKill";
        }

        @NonNull
        @Override
        public String getDisplayName() {
            return "Kill, signal or pause processes on the agent (chaos testing)";
        }
    }
}
