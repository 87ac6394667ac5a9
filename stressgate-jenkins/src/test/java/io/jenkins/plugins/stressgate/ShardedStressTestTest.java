package io.jenkins.plugins.stressgate;

import static org.assertj.core.api.Assertions.assertThat;

import hudson.model.Label;
import hudson.model.Result;
import org.jenkinsci.plugins.workflow.actions.WarningAction;
import org.jenkinsci.plugins.workflow.cps.CpsFlowDefinition;
import org.jenkinsci.plugins.workflow.job.WorkflowJob;
import org.jenkinsci.plugins.workflow.job.WorkflowRun;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.jvnet.hudson.test.JenkinsRule;
import org.jvnet.hudson.test.junit.jupiter.BuildWatcherExtension;
import org.jvnet.hudson.test.junit.jupiter.WithJenkins;

/**
 * A scenario run as shards in parallel branches on two labelled agents (real agent JVMs), merged on the controller
 * by stressGateMerge: the shards leave the build result alone, the merge gives it, with one report entry.
 */
@WithJenkins
class ShardedStressTestTest {
    @RegisterExtension
    private static final BuildWatcherExtension BUILD_WATCHER = new BuildWatcherExtension();

    private LoopbackTarget target;

    @BeforeEach
    void startTarget() throws Exception {
        target = new LoopbackTarget();
    }

    @AfterEach
    void stopTarget() {
        target.close();
    }

    /** One parallel branch per shard, each in a node of its own label, then the merge outside any node. */
    private String sharded(String gates, int shards, int runShards) {
        StringBuilder script = new StringBuilder("def branches = [:]\n");
        for (int i = 1; i <= runShards; i++) {
            script.append("branches['shard ").append(i).append("'] = { node('load-").append(i).append("') {\n")
                    .append(Pipelines.writeFile("perf/s.yml", Pipelines.scenario("s", gates)))
                    .append("def r = stressTest scenario: 'perf/s.yml', shard: '").append(i).append('/').append(shards)
                    .append("', vars: [TARGET: '").append(target.url()).append("']\n")
                    .append("echo \"shard ").append(i).append(" verdict=${r.get('verdict')}\"\n")
                    .append("} }\n");
        }
        return script.append("parallel branches\n")
                .append("def m = stressGateMerge scenario: 'perf/s.yml'\n")
                .append("echo \"merged verdict=${m.get('verdict')}\"\n").toString();
    }

    private WorkflowJob job(JenkinsRule j, String name, String script) throws Exception {
        j.createOnlineSlave(Label.get("load-1"));
        j.createOnlineSlave(Label.get("load-2"));
        WorkflowJob p = j.createProject(WorkflowJob.class, name);
        p.setDefinition(new CpsFlowDefinition(script, true));
        return p;
    }

    @Test
    void shouldRunTheShardsOnTheirAgentsAndGiveTheBuildTheMergesVerdict(JenkinsRule j) throws Exception {
        WorkflowRun b = j.buildAndAssertStatus(Result.SUCCESS, job(j, "sharded", sharded("[\"http.errors == 0\"]", 2, 2)));

        j.assertLogContains("shard 1 verdict=PENDING", b);
        j.assertLogContains("shard 2 verdict=PENDING", b);
        j.assertLogContains("merged verdict=PASSED", b);
        StressGateRunAction action = b.getAction(StressGateRunAction.class);
        assertThat(action.getEntries()).extracting(StressRunEntry::getVerdict).containsExactlyInAnyOrder("PENDING", "PENDING", "PASSED");
        StressRunEntry merge = action.getEntries().get(2);
        assertThat(merge.getVerdict()).isEqualTo("PASSED");
        assertThat(action.load(merge).shards()).hasSize(2);
        assertThat(action.load(merge).all().requests()).isEqualTo(50);
        assertThat(target.requests()).hasSize(50);
    }

    @Test
    void shouldMarkTheMergeStageUnstableWhenTheMergedRunBreaksAnUnstableGate(JenkinsRule j) throws Exception {
        WorkflowRun b = j.buildAndAssertStatus(Result.UNSTABLE, job(j, "unstable",
                sharded("[{expr: \"http.rps > 1000000\", severity: unstable}]", 2, 2)));

        j.assertLogContains("merged verdict=UNSTABLE", b);
        assertThat(new org.jenkinsci.plugins.workflow.graphanalysis.DepthFirstScanner().allNodes(b.getExecution()))
                .anyMatch(n -> n.getPersistentAction(WarningAction.class) != null);
    }

    @Test
    void shouldFailTheMergeWhenAShardNeverRan(JenkinsRule j) throws Exception {
        WorkflowRun b = j.buildAndAssertStatus(Result.FAILURE, job(j, "missing", sharded("[\"http.errors == 0\"]", 2, 1)));

        j.assertLogContains("shard 1 verdict=PENDING", b);
        j.assertLogContains("stressGateMerge", b);
        j.assertLogNotContains("merged verdict=", b);
    }

    @Test
    void shouldFailTheMergeOfAScenarioNoShardRan(JenkinsRule j) throws Exception {
        WorkflowJob p = j.createProject(WorkflowJob.class, "nothing");
        p.setDefinition(new CpsFlowDefinition("stressGateMerge scenario: 'perf/s.yml'", true));

        WorkflowRun b = j.buildAndAssertStatus(Result.FAILURE, p);

        j.assertLogContains("recorded no shard", b);
    }

    @Test
    void shouldRefuseToPublishAShard(JenkinsRule j) throws Exception {
        WorkflowJob p = Pipelines.job(j, "publish", "stressTest scenario: 'perf/s.yml', shard: '1/2', "
                + "publish: 'https://gate.example.com', credentialsId: 'token'");

        WorkflowRun b = j.buildAndAssertStatus(Result.FAILURE, p);

        j.assertLogContains("publish", b);
        j.assertLogContains("the merge decides", b);
    }
}
