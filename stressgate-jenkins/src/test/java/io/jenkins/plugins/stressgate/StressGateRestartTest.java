package io.jenkins.plugins.stressgate;

import static org.assertj.core.api.Assertions.assertThat;

import io.stressgate.engine.result.RunResults;
import org.jenkinsci.plugins.workflow.job.WorkflowJob;
import org.jenkinsci.plugins.workflow.job.WorkflowRun;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.jvnet.hudson.test.junit.jupiter.JenkinsSessionExtension;

/** The build action survives a restart of Jenkins: build.xml loads under the JEP-200 class filter (J4). */
class StressGateRestartTest {
    @RegisterExtension
    private final JenkinsSessionExtension sessions = new JenkinsSessionExtension();

    @Test
    void shouldLoadTheRecordedRunsAfterARestart() throws Throwable {
        sessions.then(j -> CraftedResults.recordedOn(j, "restart"));
        sessions.then(j -> {
            WorkflowRun b = j.jenkins.getItemByFullName("restart", WorkflowJob.class).getBuildByNumber(1);
            StressGateRunAction action = b.getAction(StressGateRunAction.class);

            assertThat(action).isNotNull();
            assertThat(action.getOwner()).isSameAs(b);
            assertThat(action.getEntries()).singleElement().satisfies(e -> {
                assertThat(e.getName()).isEqualTo(CraftedResults.IMG);
                assertThat(e.getVerdict()).isEqualTo("UNSTABLE");
                assertThat(e.getFigures()).containsKeys("p95", "p99", "throughput");
                assertThat(e.getBrokenGates()).singleElement().satisfies(g -> assertThat(g).contains(CraftedResults.SVG));
            });
            RunResults loaded = action.load(action.getEntries().get(0));
            assertThat(loaded).isEqualTo(CraftedResults.hostile());
            assertThat(j.createWebClient().getPage(b, "stressgate/").asNormalizedText()).contains(CraftedResults.IMG);
        });
    }
}
