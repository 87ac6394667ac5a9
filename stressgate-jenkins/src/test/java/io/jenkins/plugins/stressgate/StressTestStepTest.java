package io.jenkins.plugins.stressgate;

import static org.assertj.core.api.Assertions.assertThat;

import com.cloudbees.plugins.credentials.CredentialsScope;
import com.cloudbees.plugins.credentials.SystemCredentialsProvider;
import hudson.model.Result;
import hudson.util.Secret;
import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.jenkinsci.plugins.plaincredentials.impl.StringCredentialsImpl;
import org.jenkinsci.plugins.workflow.actions.WarningAction;
import org.jenkinsci.plugins.workflow.graph.FlowNode;
import org.jenkinsci.plugins.workflow.graphanalysis.DepthFirstScanner;
import org.jenkinsci.plugins.workflow.job.WorkflowJob;
import org.jenkinsci.plugins.workflow.job.WorkflowRun;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.jvnet.hudson.test.JenkinsRule;
import org.jvnet.hudson.test.junit.jupiter.BuildWatcherExtension;
import org.jvnet.hudson.test.junit.jupiter.WithJenkins;

/** stressTest in sandboxed Pipelines against a loopback HTTP target, with the CLI the plugin ships. */
@WithJenkins
class StressTestStepTest {
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

    private String run(String file, String extra) {
        return "def r = stressTest scenario: '" + file + "', vars: [TARGET: '" + target.url() + "']" + extra + "\n"
                + "echo \"verdict=${r.get('verdict')} p95=${r.get('p95')} cookie=${r.get('runCookie')}\"\n";
    }

    @Test
    void shouldPassReturnTheFiguresAndAttachTheResults(JenkinsRule j) throws Exception {
        WorkflowJob p = Pipelines.job(j, "passes", Pipelines.writeFile("perf/ok.yml",
                Pipelines.scenario("ok", "[\"http.errors == 0\"]")) + run("perf/ok.yml", ""));

        WorkflowRun b = Pipelines.build(j, p, Result.SUCCESS);

        j.assertLogContains("verdict=PASSED p95=", b);
        StressGateRunAction action = b.getAction(StressGateRunAction.class);
        assertThat(action.getEntries()).singleElement().satisfies(e -> {
            assertThat(e.getScenario()).isEqualTo("perf/ok.yml");
            assertThat(e.getVerdict()).isEqualTo("PASSED");
            assertThat(e.isHasResults()).isTrue();
        });
        assertThat(action.resultsFile(1)).isFile();
        assertThat(action.load(action.getEntries().get(0)).all().requests()).isEqualTo(50);
        assertThat(target.requests()).hasSize(50);
    }

    @Test
    void shouldMarkTheStageAndTheBuildUnstableWhenOnlyUnstableGatesBreak(JenkinsRule j) throws Exception {
        WorkflowJob p = Pipelines.job(j, "unstable", Pipelines.writeFile("u.yml",
                Pipelines.scenario("u", "[{expr: \"http.rps > 1000000\", severity: unstable}]")) + run("u.yml", "")
                + "echo 'after the step'\n");

        WorkflowRun b = Pipelines.build(j, p, Result.UNSTABLE);

        j.assertLogContains("verdict=UNSTABLE", b);
        j.assertLogContains("after the step", b);
        List<FlowNode> warned = new DepthFirstScanner().allNodes(b.getExecution()).stream()
                .filter(n -> n.getPersistentAction(WarningAction.class) != null).toList();
        assertThat(warned).singleElement().satisfies(n -> {
            assertThat(n.getDisplayFunctionName()).isEqualTo("stressTest");
            assertThat(n.getPersistentAction(WarningAction.class).getMessage()).contains("http.rps > 1000000");
        });
    }

    @Test
    void shouldMarkASlowerRunUnstableAgainstThePassedBuildBeforeIt(JenkinsRule j) throws Exception {
        WorkflowJob p = Pipelines.job(j, "regresses", Pipelines.writeFile("ok.yml",
                Pipelines.scenario("ok", "[\"http.errors == 0\"]")) + run("ok.yml", ""));
        WorkflowRun first = Pipelines.build(j, p, Result.SUCCESS);
        j.assertLogContains("regression: no baseline", first);

        target.delay(60);
        WorkflowRun slower = Pipelines.build(j, p, Result.UNSTABLE);

        j.assertLogContains("[regression unstable]", slower);
        j.assertLogContains("#1", slower);
        assertThat(slower.getAction(StressGateRunAction.class).getEntries().get(0).getVerdict()).isEqualTo("UNSTABLE");
    }

    @Test
    void shouldNotCompareWhenNoBaselineIsWanted(JenkinsRule j) throws Exception {
        WorkflowJob p = Pipelines.job(j, "nobaseline", Pipelines.writeFile("ok.yml",
                Pipelines.scenario("ok", "[\"http.errors == 0\"]")) + run("ok.yml", ", baseline: 'none'"));
        Pipelines.build(j, p, Result.SUCCESS);

        target.delay(60);

        j.assertLogContains("regression: no baseline: none was asked for", Pipelines.build(j, p, Result.SUCCESS));
    }

    @Test
    void shouldFailListingEveryBrokenGateWithoutAStackTrace(JenkinsRule j) throws Exception {
        WorkflowJob p = Pipelines.job(j, "fails", Pipelines.writeFile("f.yml",
                Pipelines.scenario("f", "[\"http.rps > 1000000\", \"http.p50 < 0ms\"]")) + run("f.yml", "")
                + "echo 'not reached'\n");

        WorkflowRun b = Pipelines.build(j, p, Result.FAILURE);

        j.assertLogContains("FAILED, 2 gates broken", b);
        j.assertLogContains("http.rps > 1000000", b);
        j.assertLogContains("http.p50 < 0ms", b);
        j.assertLogNotContains("not reached", b);
        j.assertLogNotContains("\tat io.jenkins.plugins.stressgate", b);
        assertThat(b.getAction(StressGateRunAction.class).getEntries().get(0).getVerdict()).isEqualTo("FAILED");
    }

    @Test
    void shouldFailClosedWhenTheScenarioCannotRun(JenkinsRule j) throws Exception {
        WorkflowJob p = Pipelines.job(j, "invalid", Pipelines.writeFile("bad.yml", "name: bad\nload: 12\n")
                + run("bad.yml", ""));

        WorkflowRun b = Pipelines.build(j, p, Result.FAILURE);

        j.assertLogContains("no usable results", b);
        j.assertLogContains("2: invalid input or usage", b);
        assertThat(b.getAction(StressGateRunAction.class).getEntries()).singleElement()
                .satisfies(e -> assertThat(e.isHasResults()).isFalse());
    }

    @Test
    void shouldRefuseInvalidArgumentsAllAtOnceBeforeLaunchingAnything(JenkinsRule j) throws Exception {
        WorkflowJob p = Pipelines.job(j, "arguments",
                "stressTest scenario: '../../config.xml', vars: ['1X': 'a'], baseline: 'yesterday', timeout: '10y'");

        WorkflowRun b = Pipelines.build(j, p, Result.FAILURE);

        j.assertLogContains("stressTest: 4 problems with the arguments", b);
        j.assertLogContains("scenario: must not leave the workspace", b);
        assertThat(b.getAction(StressGateRunAction.class)).isNull();
    }

    @Test
    void shouldPassVariablesThroughTheEnvironmentOnly(JenkinsRule j) throws Exception {
        String secret = "s3cr3t-" + Long.toHexString(System.nanoTime());
        WorkflowJob p = Pipelines.job(j, "vars", Pipelines.writeFile("v.yml",
                "name: v\ntarget: ${TARGET}\nload: [{name: root, executor: constant-arrival-rate, rate: 5/s, duration: 1s, "
                        + "request: {path: '/${API_KEY}'}}]\ngates: [\"http.errors == 0\"]\n")
                + "stressTest scenario: 'v.yml', vars: [TARGET: '" + target.url() + "', API_KEY: '" + secret + "']\n");

        WorkflowRun b = Pipelines.build(j, p, Result.SUCCESS);

        assertThat(target.requests()).isNotEmpty().allSatisfy(r -> assertThat(r.path()).isEqualTo("/" + secret));
        j.assertLogContains("[stressgate] $ ", b);
        j.assertLogNotContains(secret, b);
    }

    @Test
    void shouldKeepOneEntryPerCallWhenABuildRunsSeveralScenarios(JenkinsRule j) throws Exception {
        WorkflowJob p = Pipelines.job(j, "several",
                Pipelines.writeFile("a.yml", Pipelines.scenario("first", "[\"http.errors == 0\"]"))
                        + Pipelines.writeFile("b.yml", Pipelines.scenario("second", "[\"http.errors == 0\"]"))
                        + run("a.yml", "") + run("b.yml", ""));

        WorkflowRun b = Pipelines.build(j, p, Result.SUCCESS);

        StressGateRunAction action = b.getAction(StressGateRunAction.class);
        assertThat(b.getActions(StressGateRunAction.class)).hasSize(1);
        assertThat(action.getEntries()).extracting(StressRunEntry::getName).containsExactly("first", "second");
        assertThat(action.resultsFile(1)).isFile();
        assertThat(action.resultsFile(2)).isFile();
        assertThat(action.getEntries().get(0).getRunCookie()).isNotEqualTo(action.getEntries().get(1).getRunCookie());
    }

    @Test
    void shouldStopTheChildJvmWhenTheBuildIsAborted(JenkinsRule j) throws Exception {
        WorkflowJob p = Pipelines.job(j, "aborted", Pipelines.writeFile("long.yml", Pipelines.longScenario())
                + run("long.yml", ""));
        WorkflowRun b = p.scheduleBuild2(0).waitForStart();
        j.waitForMessage("[stressgate] $ ", b);
        ProcessHandle child = findCli("long.yml");

        b.getExecutor().interrupt();

        j.assertBuildStatus(Result.ABORTED, j.waitForCompletion(b));
        child.onExit().get(60, TimeUnit.SECONDS);
        assertThat(child.isAlive()).isFalse();
    }

    @Test
    void shouldPublishWithTheTokenOnlyInTheEnvironmentAndNeverInTheLogOrBuildXml(JenkinsRule j) throws Exception {
        String token = "tok-" + Long.toHexString(System.nanoTime());
        SystemCredentialsProvider.getInstance().getCredentials().add(new StringCredentialsImpl(CredentialsScope.GLOBAL,
                "gate-token", "reporting service", Secret.fromString(token)));
        SystemCredentialsProvider.getInstance().save();
        try (LoopbackTarget service = new LoopbackTarget()) {
            WorkflowJob p = Pipelines.job(j, "publishes", Pipelines.writeFile("ok.yml",
                    Pipelines.scenario("ok", "[\"http.errors == 0\"]"))
                    + run("ok.yml", ", publish: '" + service.url() + "', credentialsId: 'gate-token'"));

            WorkflowRun b = Pipelines.build(j, p, Result.SUCCESS);

            j.assertLogContains("results published to " + service.url(), b);
            assertThat(service.requests()).anySatisfy(r -> assertThat(r.authorization()).contains(token));
            j.assertLogNotContains(token, b);
            assertThat(Files.readString(new File(b.getRootDir(), "build.xml").toPath(), StandardCharsets.UTF_8))
                    .doesNotContain(token);
        }
    }

    @Test
    void shouldBecomeUnstableAndSayWhereTheResultsStayWhenTheCredentialIsMissing(JenkinsRule j) throws Exception {
        WorkflowJob p = Pipelines.job(j, "unpublished", Pipelines.writeFile("ok.yml",
                Pipelines.scenario("ok", "[\"http.errors == 0\"]"))
                + run("ok.yml", ", publish: 'http://127.0.0.1:9', credentialsId: 'nowhere'"));

        WorkflowRun b = Pipelines.build(j, p, Result.UNSTABLE);

        j.assertLogContains("no Secret text credential with ID 'nowhere'", b);
        j.assertLogContains("stressgate-out/ok", b);
    }

    /** The CLI process of a running build, found by its arguments; waits at most a minute for it to appear. */
    private static ProcessHandle findCli(String scenario) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (System.nanoTime() < deadline) {
            Optional<ProcessHandle> cli = ProcessHandle.allProcesses().filter(h -> h.info().commandLine()
                    .map(c -> c.contains("stressgate-agent-") && c.contains(" run ") && c.contains(scenario)).orElse(false))
                    .findFirst();
            if (cli.isPresent()) {
                return cli.get();
            }
            Thread.sleep(100);
        }
        throw new AssertionError("the CLI process for " + scenario + " did not appear within 60 s");
    }
}
