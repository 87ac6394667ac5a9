package io.jenkins.plugins.stressgate;

import static org.assertj.core.api.Assertions.assertThat;

import hudson.model.Result;
import hudson.model.TaskListener;
import java.util.List;
import java.util.Map;
import org.jenkinsci.plugins.structs.describable.ArrayType;
import org.jenkinsci.plugins.structs.describable.DescribableModel;
import org.jenkinsci.plugins.structs.describable.ErrorType;
import org.jenkinsci.plugins.structs.describable.HomogeneousObjectType;
import org.jenkinsci.plugins.workflow.job.WorkflowJob;
import org.jenkinsci.plugins.workflow.job.WorkflowRun;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.jvnet.hudson.test.JenkinsRule;
import org.jvnet.hudson.test.junit.jupiter.WithJenkins;

/** The Snippet Generator's form of the scenario variables, and scripts that still pass the map. */
@WithJenkins
class StressVarTest {
    private LoopbackTarget target;

    @BeforeEach
    void startTarget() throws Exception {
        target = new LoopbackTarget();
    }

    @AfterEach
    void stopTarget() {
        target.close();
    }

    @Test
    void shouldGiveStructsAListOfNameValueObjectsItCanDescribeAndRoundTrip(JenkinsRule j) throws Exception {
        DescribableModel<StressTestStep> model = DescribableModel.of(StressTestStep.class);

        assertThat(model.getParameter("variables").getType()).isInstanceOfSatisfying(ArrayType.class,
                t -> assertThat(t.getElementType()).isInstanceOf(HomogeneousObjectType.class));
        assertThat(model.getParameter("variables").getType()).isNotInstanceOf(ErrorType.class);
        StressTestStep step = model.instantiate(Map.of("scenario", "perf/a.yml",
                "variables", List.of(Map.of("name", "TARGET", "value", "http://127.0.0.1:1"))), TaskListener.NULL);
        assertThat(step.getVariables()).singleElement().satisfies(v -> {
            assertThat(v.getName()).isEqualTo("TARGET");
            assertThat(v.getValue()).isEqualTo("http://127.0.0.1:1");
        });
        assertThat(model.uninstantiate2(step).toString()).contains("stressVar", "TARGET", "http://127.0.0.1:1");
    }

    @Test
    void shouldRunWithTheFormsVariablesAndRefuseANameGivenInBothForms(JenkinsRule j) throws Exception {
        String scenario = Pipelines.writeFile("v.yml", Pipelines.scenario("v", "[\"http.errors == 0\"]"));
        WorkflowJob list = Pipelines.job(j, "list", scenario + "def r = stressTest scenario: 'v.yml', "
                + "variables: [stressVar(name: 'TARGET', value: '" + target.url() + "')]\necho \"verdict=${r.get('verdict')}\"\n");
        WorkflowJob both = Pipelines.job(j, "both", scenario + "stressTest scenario: 'v.yml', vars: [TARGET: '"
                + target.url() + "'], variables: [stressVar(name: 'TARGET', value: 'http://127.0.0.1:1')]\n");

        WorkflowRun ok = j.buildAndAssertStatus(Result.SUCCESS, list);
        WorkflowRun refused = j.buildAndAssertStatus(Result.FAILURE, both);

        j.assertLogContains("verdict=PASSED", ok);
        j.assertLogContains("\"TARGET\" is given more than once (also in vars)", refused);
        assertThat(target.requests()).hasSize(50);
    }
}
