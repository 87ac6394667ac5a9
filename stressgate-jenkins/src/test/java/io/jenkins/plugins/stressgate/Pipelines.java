package io.jenkins.plugins.stressgate;

import hudson.model.Result;
import org.jenkinsci.plugins.workflow.cps.CpsFlowDefinition;
import org.jenkinsci.plugins.workflow.job.WorkflowJob;
import org.jenkinsci.plugins.workflow.job.WorkflowRun;
import org.jvnet.hudson.test.JenkinsRule;

/** Scenario files and sandboxed Pipeline scripts for the step tests. */
final class Pipelines {
    private Pipelines() {
    }

    /** A scenario of 50 requests in one second against ${TARGET}, with the gates given (YAML list items). */
    static String scenario(String name, String gates) {
        return "name: " + name + "\n"
                + "target: ${TARGET}\n"
                + "load: [{name: root, executor: constant-arrival-rate, rate: 50/s, duration: 1s, request: {path: /}}]\n"
                + "gates: " + gates + "\n";
    }

    /** A scenario that runs for two minutes, long enough to be aborted. */
    static String longScenario() {
        return "name: long\n"
                + "target: ${TARGET}\n"
                + "load: [{name: root, executor: constant-arrival-rate, rate: 5/s, duration: 120s, request: {path: /}}]\n"
                + "gates: [\"http.errors == 0\"]\n";
    }

    /** Groovy that writes a file into the workspace; the text goes in a single-quoted string, so ${...} stays literal. */
    static String writeFile(String file, String text) {
        return "writeFile file: '" + file + "', text: '''" + text.replace("\\", "\\\\").replace("'''", "") + "'''\n";
    }

    /** A sandboxed Pipeline job with the script inside one node block. */
    static WorkflowJob job(JenkinsRule j, String name, String body) throws Exception {
        WorkflowJob p = j.createProject(WorkflowJob.class, name);
        p.setDefinition(new CpsFlowDefinition("node {\n" + body + "\n}", true));
        return p;
    }

    static WorkflowRun build(JenkinsRule j, WorkflowJob p, Result expected) throws Exception {
        return j.buildAndAssertStatus(expected, p);
    }
}
