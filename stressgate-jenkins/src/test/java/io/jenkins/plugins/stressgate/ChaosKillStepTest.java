package io.jenkins.plugins.stressgate;

import static org.assertj.core.api.Assertions.assertThat;

import hudson.model.Result;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.jenkinsci.plugins.workflow.job.WorkflowJob;
import org.jenkinsci.plugins.workflow.job.WorkflowRun;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.jvnet.hudson.test.JenkinsRule;
import org.jvnet.hudson.test.junit.jupiter.BuildWatcherExtension;
import org.jvnet.hudson.test.junit.jupiter.WithJenkins;

/** chaosKill against real child processes of the test; every process the test starts is stopped by the test. */
@WithJenkins
@EnabledOnOs({OS.LINUX, OS.MAC})
class ChaosKillStepTest {
    @RegisterExtension
    private static final BuildWatcherExtension BUILD_WATCHER = new BuildWatcherExtension();

    private final List<Process> victims = new ArrayList<>();

    private Process victim(String seconds) throws Exception {
        Process p = new ProcessBuilder("sleep", seconds).start();
        victims.add(p);
        return p;
    }

    @AfterEach
    void stopVictims() {
        victims.forEach(Process::destroyForcibly);
    }

    @Test
    void shouldKillTheTargetAndReturnWhatItDid(JenkinsRule j) throws Exception {
        Process target = victim("300");
        WorkflowJob p = Pipelines.job(j, "kill", "def r = chaosKill pid: " + target.pid() + ", signal: 'KILL'\n"
                + "echo \"outcome=${r.get('outcome')} pids=${r.get('pids')}\"");

        WorkflowRun b = Pipelines.build(j, p, Result.SUCCESS);

        j.assertLogContains("outcome=DONE pids=" + target.pid(), b);
        assertThat(target.waitFor(30, TimeUnit.SECONDS)).isTrue();
    }

    @Test
    void shouldSendNothingOnADryRun(JenkinsRule j) throws Exception {
        Process target = victim("300");
        WorkflowJob p = Pipelines.job(j, "dry", "def r = chaosKill pid: " + target.pid() + ", dryRun: true\n"
                + "echo \"outcome=${r.get('outcome')}\"");

        WorkflowRun b = Pipelines.build(j, p, Result.SUCCESS);

        j.assertLogContains("outcome=DRY_RUN", b);
        assertThat(target.isAlive()).isTrue();
    }

    @Test
    void shouldRefuseMoreMatchesThanAllowedAndSendNothing(JenkinsRule j) throws Exception {
        Process first = victim("3141");
        Process second = victim("3141");
        WorkflowJob p = Pipelines.job(j, "overmatch", "chaosKill cmdline: '^sleep 3141$', signal: 'KILL', max: 1");

        WorkflowRun b = Pipelines.build(j, p, Result.FAILURE);

        j.assertLogContains("refused by a safety rule", b);
        assertThat(first.isAlive()).isTrue();
        assertThat(second.isAlive()).isTrue();
    }

    @Test
    void shouldFailLoudlyWhenNothingMatches(JenkinsRule j) throws Exception {
        WorkflowJob p = Pipelines.job(j, "nomatch", "chaosKill name: 'no-such-program-4711'");

        Pipelines.build(j, p, Result.FAILURE);
    }

    @Test
    void shouldRefuseProcessOneBeforeLaunchingAnything(JenkinsRule j) throws Exception {
        WorkflowJob p = Pipelines.job(j, "init", "chaosKill pid: 1, signal: 'KILL'");

        WorkflowRun b = Pipelines.build(j, p, Result.FAILURE);

        j.assertLogContains("pid: 1 is never a valid target", b);
        j.assertLogNotContains("[stressgate] $ ", b);
    }

    @Test
    void shouldRefuseValuesOutsideTheSharedBoundsNamingEachArgumentBeforeLaunchingAnything(JenkinsRule j) throws Exception {
        WorkflowJob p = Pipelines.job(j, "bounds", "chaosKill name: 'sleep', count: 1500, pauseFor: '2h', "
                + "recoverTcp: '127.0.0.1:1', recoverTimeout: '50ms'");

        WorkflowRun b = Pipelines.build(j, p, Result.FAILURE);

        j.assertLogContains("chaosKill: 3 problems with the arguments", b);
        j.assertLogContains("count: count 1500 must be between 1 and 1000", b);
        j.assertLogContains("recoverTimeout: recoverTimeout 50ms must be between 100ms and 1h", b);
        j.assertLogContains("pauseFor: pauseFor 2h must be more than 0 and at most 1h", b);
        j.assertLogNotContains("[stressgate] $ ", b);
    }

    @Test
    void shouldStopAServiceAndRestoreItAfterThePause(JenkinsRule j) throws Exception {
        WorkflowJob p = Pipelines.job(j, "stop", "def r = chaosKill command: ['true'], restore: ['touch', 'restored'], "
                + "pauseFor: '1s'\necho \"outcome=${r.get('outcome')} restoredAfterMs=${r.get('restoredAfterMs')}\"\n"
                + "if (!fileExists('restored')) { error 'the restore did not run' }");

        WorkflowRun b = Pipelines.build(j, p, Result.SUCCESS);

        j.assertLogContains("outcome=DONE restoredAfterMs=", b);
    }

    @Test
    void shouldRequireExactlyOneTarget(JenkinsRule j) throws Exception {
        WorkflowJob p = Pipelines.job(j, "two", "chaosKill pid: 4242, name: 'redis-server'");

        WorkflowRun b = Pipelines.build(j, p, Result.FAILURE);

        j.assertLogContains("2 targets are given", b);
    }
}
