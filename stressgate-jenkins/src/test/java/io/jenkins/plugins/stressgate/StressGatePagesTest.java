package io.jenkins.plugins.stressgate;

import static org.assertj.core.api.Assertions.assertThat;

import hudson.model.Item;
import hudson.model.Result;
import java.net.HttpURLConnection;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import jenkins.model.Jenkins;
import java.net.URL;
import org.htmlunit.HttpMethod;
import org.htmlunit.Page;
import org.htmlunit.WebRequest;
import org.htmlunit.html.HtmlPage;
import org.jenkinsci.plugins.workflow.cps.CpsFlowDefinition;
import org.jenkinsci.plugins.workflow.job.WorkflowRun;
import org.junit.jupiter.api.Test;
import org.jvnet.hudson.test.JenkinsRule;
import org.jvnet.hudson.test.MockAuthorizationStrategy;
import org.jvnet.hudson.test.junit.jupiter.WithJenkins;

/**
 * The build page, the report page and the job page render agent data as text only (X1/X2), and the JSON endpoints
 * answer only those who may read the job (J1).
 */
@WithJenkins
class StressGatePagesTest {
    private static JenkinsRule.WebClient browser(JenkinsRule j, List<String> alerts) {
        JenkinsRule.WebClient wc = j.createWebClient();
        wc.getOptions().setThrowExceptionOnScriptError(false);
        wc.setAlertHandler((page, message) -> alerts.add(message));
        return wc;
    }

    @Test
    void shouldShowHostileNamesAsTextOnTheBuildAndReportPages(JenkinsRule j) throws Exception {
        WorkflowRun b = CraftedResults.recordedOn(j, "hostile");
        List<String> alerts = new CopyOnWriteArrayList<>();
        JenkinsRule.WebClient wc = browser(j, alerts);

        HtmlPage build = wc.getPage(b);
        HtmlPage report = wc.getPage(b, "stressgate/");
        wc.waitForBackgroundJavaScript(5_000);

        assertThat(build.asNormalizedText()).contains(CraftedResults.IMG, "UNSTABLE");
        assertThat(report.asNormalizedText()).contains(CraftedResults.IMG, CraftedResults.SVG, CraftedResults.SCRIPT);
        assertThat(report.getElementsByTagName("img")).noneSatisfy(img -> assertThat(img.getAttribute("src")).isEqualTo("x"));
        assertThat(report.getElementsByTagName("svg")).isEmpty();
        assertThat(report.getWebResponse().getResponseHeaderValue("Content-Security-Policy")).isNotNull();
        assertThat(alerts).isEmpty();
    }

    @Test
    void shouldServeTheResultsAsJsonToReadersOfTheJob(JenkinsRule j) throws Exception {
        WorkflowRun b = CraftedResults.recordedOn(j, "json");

        Page page = j.createWebClient().goTo(b.getUrl() + "stressgate/results?entry=1", "application/json");

        assertThat(page.getWebResponse().getContentAsString()).contains("\"runCookie\" : \"crafted-1\"");
        j.createWebClient().assertFails(b.getUrl() + "stressgate/results?entry=2", HttpURLConnection.HTTP_NOT_FOUND);
        j.createWebClient().assertFails(b.getUrl() + "stressgate/results?entry=../../config.xml",
                HttpURLConnection.HTTP_NOT_FOUND);
    }

    @Test
    void shouldShowTheTrendOnTheJobPageAfterAFailedBuildToo(JenkinsRule j) throws Exception {
        WorkflowRun b = CraftedResults.recordedOn(j, "trend");
        b.getParent().setDefinition(new CpsFlowDefinition("error 'broken'", true));
        j.buildAndAssertStatus(Result.FAILURE, b.getParent());
        List<String> alerts = new CopyOnWriteArrayList<>();
        JenkinsRule.WebClient wc = browser(j, alerts);

        HtmlPage job = wc.getPage(b.getParent());
        HtmlPage trends = wc.getPage(b.getParent(), "stressgate/");
        Page data = j.createWebClient().goTo(b.getParent().getUrl() + "stressgate/trendData?scenario=perf%2Fx.yml",
                "application/json");
        wc.waitForBackgroundJavaScript(5_000);

        assertThat(job.asNormalizedText()).contains("Stress Gate trends", "perf/x.yml");
        assertThat(trends.asNormalizedText()).contains("perf/x.yml");
        assertThat(data.getWebResponse().getContentAsString()).contains("\"points\"");
        j.createWebClient().assertFails(b.getParent().getUrl() + "stressgate/trendData?scenario=other.yml",
                HttpURLConnection.HTTP_NOT_FOUND);
        assertThat(alerts).isEmpty();
    }

    @Test
    void shouldAnswerTheDataEndpointsOnlyToThoseWhoMayReadTheJob(JenkinsRule j) throws Exception {
        WorkflowRun b = CraftedResults.recordedOn(j, "secured");
        j.jenkins.setSecurityRealm(j.createDummySecurityRealm());
        j.jenkins.setAuthorizationStrategy(new MockAuthorizationStrategy()
                .grant(Jenkins.READ).everywhere().to("reader", "outsider")
                .grant(Item.READ).onItems(b.getParent()).to("reader"));
        String results = b.getUrl() + "stressgate/results?entry=1";
        String trend = b.getParent().getUrl() + "stressgate/trendData?scenario=perf%2Fx.yml";

        j.createWebClient().assertFails(results, HttpURLConnection.HTTP_FORBIDDEN);
        j.createWebClient().assertFails(trend, HttpURLConnection.HTTP_FORBIDDEN);
        j.createWebClient().login("outsider").assertFails(results, HttpURLConnection.HTTP_NOT_FOUND);
        j.createWebClient().login("outsider").assertFails(trend, HttpURLConnection.HTTP_NOT_FOUND);
        assertThat(j.createWebClient().login("reader").goTo(results, "application/json").getWebResponse()
                .getStatusCode()).isEqualTo(HttpURLConnection.HTTP_OK);
        assertThat(j.createWebClient().login("reader").goTo(trend, "application/json").getWebResponse()
                .getStatusCode()).isEqualTo(HttpURLConnection.HTTP_OK);
    }

    @Test
    void shouldRejectPostsToTheReadOnlyEndpoints(JenkinsRule j) throws Exception {
        WorkflowRun b = CraftedResults.recordedOn(j, "verbs");
        JenkinsRule.WebClient wc = j.createWebClient();
        wc.setThrowExceptionOnFailingStatusCode(false);

        WebRequest post = new WebRequest(new URL(j.getURL(), b.getUrl() + "stressgate/results?entry=1"), HttpMethod.POST);
        int status = wc.getPage(post).getWebResponse().getStatusCode();

        assertThat(status).isIn(HttpURLConnection.HTTP_BAD_METHOD, HttpURLConnection.HTTP_FORBIDDEN,
                HttpURLConnection.HTTP_NOT_FOUND);
    }
}
