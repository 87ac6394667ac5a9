package io.jenkins.plugins.stressgate;

import static org.assertj.core.api.Assertions.assertThat;

import hudson.model.Result;
import java.util.concurrent.TimeUnit;
import org.jenkinsci.plugins.workflow.job.WorkflowJob;
import org.jenkinsci.plugins.workflow.job.WorkflowRun;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.jvnet.hudson.test.JenkinsRule;
import org.jvnet.hudson.test.junit.jupiter.BuildWatcherExtension;
import org.jvnet.hudson.test.junit.jupiter.WithJenkins;

/** assertNoOrphans inside node blocks, with a real daemon left behind by a sh step. */
@WithJenkins
@EnabledOnOs(OS.LINUX)
class AssertNoOrphansStepTest {
    @RegisterExtension
    private static final BuildWatcherExtension BUILD_WATCHER = new BuildWatcherExtension();

    private static boolean running(String commandLine) {
        return ProcessHandle.allProcesses().anyMatch(h -> h.info().commandLine().map(c -> c.equals(commandLine)).orElse(false));
    }

    @Test
    void shouldFailAndReapADaemonTheBlockLeftBehind(JenkinsRule j) throws Exception {
        WorkflowJob p = Pipelines.job(j, "leaks", "sh 'setsid sleep 3137 > /dev/null 2>&1 &'\nassertNoOrphans()");

        WorkflowRun b = Pipelines.build(j, p, Result.FAILURE);

        j.assertLogContains("outlived the run", b);
        j.assertLogContains("sleep 3137", b);
        j.assertLogContains("reaped", b);
        assertThat(running("sleep 3137")).isFalse();
    }

    @Test
    void shouldPassWhenNothingOutlivedTheBlock(JenkinsRule j) throws Exception {
        WorkflowJob p = Pipelines.job(j, "clean", "sh 'true'\ndef r = assertNoOrphans()\necho \"orphans=${r.get('orphans')}\"");

        WorkflowRun b = Pipelines.build(j, p, Result.SUCCESS);

        j.assertLogContains("orphans=0", b);
    }

    @Test
    void shouldNeverReportOrKillAProcessOfAnotherCookie(JenkinsRule j) throws Exception {
        ProcessBuilder builder = new ProcessBuilder("sleep", "3138");
        builder.environment().put("JENKINS_NODE_COOKIE", "someone-else");
        Process foreign = builder.start();
        try {
            WorkflowJob p = Pipelines.job(j, "foreign", "assertNoOrphans()");

            Pipelines.build(j, p, Result.SUCCESS);

            assertThat(foreign.isAlive()).isTrue();
        } finally {
            foreign.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
    }

    @Test
    void shouldRefuseAPatternThatIsNotARegularExpression(JenkinsRule j) throws Exception {
        WorkflowJob p = Pipelines.job(j, "pattern", "assertNoOrphans pattern: '('");

        WorkflowRun b = Pipelines.build(j, p, Result.FAILURE);

        j.assertLogContains("pattern: is not a regular expression", b);
    }
}
