package io.stressgate.cli;

import io.stressgate.engine.result.ExitCodes;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import io.stressgate.server.ServerConfig;
import io.stressgate.server.StressGateServer;
import io.stressgate.server.store.Scope;
import io.stressgate.server.store.StoreConfig;
import io.stressgate.server.store.TokenStore;
import java.io.File;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/**
 * README, "Jenkins without the plugin": the {@code sh} script it gives, which the root Jenkinsfile's stage carries
 * word for word, run as Jenkins' {@code sh} step runs it ({@code sh -xe}, in the workspace, with the stage's
 * environment) against a loopback target and a real reporting service. Its exit code must be what the README's table
 * says for PASSED, UNSTABLE, FAILED and an invalid scenario, junit.xml must have the shape Jenkins' {@code junit} step
 * reads (and fail a test case exactly when the build is to be UNSTABLE or FAILED), and the service must hold each
 * completed run under its build with the same verdict.
 */
class JenkinsWithoutPluginIT {
    private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();
    private static final Path JAR = Path.of("target", "stressgate.jar").toAbsolutePath();
    private static final Pattern SH_BLOCK = Pattern.compile("\\n([ ]*)sh '''\\n(.*?)\\n[ ]*'''\\n", Pattern.DOTALL);
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path workspace;
    @TempDir
    Path serviceData;

    private CliRunner cli;
    private HttpServer target;
    private StressGateServer service;
    private String token;
    private final String cookie = "without-plugin-it-" + UUID.randomUUID();

    @BeforeEach
    void setUp() throws Exception {
        assertThat(JAR).as("mvn package builds stressgate.jar before failsafe runs").isRegularFile();
        cli = new CliRunner(workspace);
        cli.trackCookie(cookie);
        target = CliRunner.okTarget();
        service = StressGateServer.start(ServerConfig.defaults("127.0.0.1", 0, StoreConfig.sqlite(serviceData.resolve("data")),
                serviceData.resolve("backups")), Clock.systemUTC());
        token = new TokenStore(service.database(), Clock.systemUTC()).create("jenkins", Scope.WRITE, null).secret();
    }

    @AfterEach
    void tearDown() throws InterruptedException {
        target.stop(0);
        service.close();
        cli.close();
    }

    /** The body of the first {@code sh '''...'''} in {@code text}, without its common indentation. */
    private static String shScript(String text, String where) {
        Matcher m = SH_BLOCK.matcher(text);
        assertThat(m.find()).as("an sh ''' block in " + where).isTrue();
        String indent = m.group(1) + "  ";
        StringBuilder out = new StringBuilder();
        for (String line : m.group(2).split("\n", -1)) {
            assertThat(line.isBlank() || line.startsWith(indent)).as(where + ": indentation of " + line).isTrue();
            out.append(line.isBlank() ? "" : line.substring(indent.length())).append('\n');
        }
        return out.toString();
    }

    /** The Groovy block of the README's section. */
    private static String readmeSection() throws Exception {
        String readme = Files.readString(ROOT.resolve("README.md"), StandardCharsets.UTF_8);
        int section = readme.indexOf("## Jenkins without the plugin");
        assertThat(section).as("the README's section").isNotNegative();
        int start = readme.indexOf("```groovy\n", section);
        assertThat(start).as("a groovy block in the README's section").isNotNegative();
        return readme.substring(start, readme.indexOf("\n```\n", start));
    }

    private static String jenkinsfileStage() throws Exception {
        String jenkinsfile = Files.readString(ROOT.resolve("Jenkinsfile"), StandardCharsets.UTF_8);
        int start = jenkinsfile.indexOf("stage('Without the plugin: the CLI through sh')");
        assertThat(start).as("the Jenkinsfile's stage").isNotNegative();
        return jenkinsfile.substring(start, jenkinsfile.indexOf("\n    stage(", start));
    }

    /** The script Jenkins would run: the README's, checked to be the Jenkinsfile's too. */
    private static String script() throws Exception {
        String readme = shScript(readmeSection(), "README.md");
        assertThat(shScript(jenkinsfileStage(), "Jenkinsfile")).as("the Jenkinsfile runs the README's script").isEqualTo(readme);
        return readme;
    }

    /** What Jenkins' sh step does: {@code sh -xe script} in the workspace, with the build's and the stage's environment. */
    private CliRunner.Outcome sh(String scenario, String job, int build) throws Exception {
        Path file = Files.writeString(workspace.resolve("script-" + build + ".sh"), script());
        Map<String, String> env = new HashMap<>();
        env.put("PATH", Path.of(System.getProperty("java.home"), "bin") + File.pathSeparator
                + System.getenv().getOrDefault("PATH", "/usr/bin:/bin"));
        env.put("HOME", System.getProperty("user.home"));
        env.put("JOB_NAME", job);
        env.put("BUILD_NUMBER", Integer.toString(build));
        env.put("WORKSPACE", workspace.toString());
        env.put("STRESSGATE_JAR", JAR.toString());
        env.put("SCENARIO", scenario);
        env.put("OUT", "stressgate-out/storm");
        env.put("TARGET", "http://127.0.0.1:" + target.getAddress().getPort());
        env.put("STRESSGATE_SERVER", "http://127.0.0.1:" + service.port());
        env.put("STRESSGATE_TOKEN", token);
        env.put("STRESSGATE_RUN", cookie);
        env.put("XDG_STATE_HOME", workspace.resolve("state").toString());
        return cli.runCommand(List.of("sh", "-xe", file.toString()), env);
    }

    private String scenario(String gates) throws Exception {
        Files.writeString(workspace.resolve("storm.yml"), "name: storm\ntarget: ${TARGET}\n"
                + "load: [{name: root, executor: constant-arrival-rate, rate: 40/s, duration: 1s, request: {path: /}}]\n"
                + "gates: " + gates + "\n");
        return "storm.yml";
    }

    private Document junitXml() throws Exception {
        DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
        factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
        factory.setAttribute(XMLConstants.ACCESS_EXTERNAL_DTD, "");
        return factory.newDocumentBuilder().parse(workspace.resolve("stressgate-out/storm/junit.xml").toFile());
    }

    /**
     * Checks what Jenkins' junit step relies on (a testsuites or testsuite root, testcases with name and classname,
     * decimal times, counts that agree) and returns the failures' types: the step marks the build UNSTABLE when
     * there is any.
     */
    private List<String> failureTypes(Document junit) {
        Element root = junit.getDocumentElement();
        assertThat(root.getTagName()).isEqualTo("testsuites");
        NodeList suites = root.getElementsByTagName("testsuite");
        assertThat(suites.getLength()).isEqualTo(1);
        Element suite = (Element) suites.item(0);
        NodeList cases = suite.getElementsByTagName("testcase");
        NodeList failures = suite.getElementsByTagName("failure");
        assertThat(suite.getAttribute("name")).isNotBlank();
        assertThat(Integer.parseInt(suite.getAttribute("tests"))).isEqualTo(cases.getLength());
        assertThat(Integer.parseInt(suite.getAttribute("failures"))).isEqualTo(failures.getLength());
        assertThat(Integer.parseInt(root.getAttribute("failures"))).isEqualTo(failures.getLength());
        Double.parseDouble(suite.getAttribute("time"));
        for (int i = 0; i < cases.getLength(); i++) {
            Element c = (Element) cases.item(i);
            assertThat(c.getAttribute("name")).isNotBlank();
            assertThat(c.getAttribute("classname")).isNotBlank();
            Double.parseDouble(c.getAttribute("time"));
        }
        assertThat(cases.getLength()).as("run completed plus one case per gate").isGreaterThanOrEqualTo(2);
        return java.util.stream.IntStream.range(0, failures.getLength())
                .mapToObj(i -> ((Element) failures.item(i)).getAttribute("type")).toList();
    }

    private HttpResponse<String> gate(String job, int build) throws Exception {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + service.port()
                + "/api/v1/jobs/" + job + "/gate?build=" + build)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private String storedVerdict(String job, int build) throws Exception {
        HttpResponse<String> gate = gate(job, build);
        assertThat(gate.statusCode()).as(gate.body()).isEqualTo(200);
        return JSON.readTree(gate.body()).path("verdict").asText();
    }

    @Test
    void shouldPassTheShStepForAPassedRunAndPublishIt() throws Exception {
        CliRunner.Outcome sh = sh(scenario("[\"http.errors == 0\"]"), "passed", 1);

        assertThat(sh.exitCode()).as(sh.out() + sh.err()).isZero();
        assertThat(failureTypes(junitXml())).as("junit leaves the build SUCCESS").isEmpty();
        assertThat(storedVerdict("passed", 1)).isEqualTo("PASSED");
        assertThat(sh.err()).as("sh -x shows the commands, never the token").doesNotContain(token);
    }

    @Test
    void shouldPassTheShStepForAnUnstableRunAndLeaveTheUnstableMarkToJunit() throws Exception {
        CliRunner.Outcome sh = sh(scenario("[\"http.errors == 0\", {expr: \"http.rps > 1000000\", severity: unstable}]"),
                "unstable", 1);

        assertThat(sh.exitCode()).as(sh.out() + sh.err()).isZero();
        assertThat(sh.out()).contains("stressgate: UNSTABLE");
        assertThat(failureTypes(junitXml())).as("a failed test case: junit marks the build UNSTABLE").containsExactly("unstable");
        assertThat(storedVerdict("unstable", 1)).isEqualTo("UNSTABLE");
    }

    @Test
    void shouldFailTheShStepForAFailedRunAfterPublishingIt() throws Exception {
        CliRunner.Outcome sh = sh(scenario("[\"http.rps > 1000000\"]"), "failed", 1);

        assertThat(sh.exitCode()).as(sh.out() + sh.err()).isEqualTo(ExitCodes.FAILED);
        assertThat(failureTypes(junitXml())).containsExactly("fail");
        assertThat(storedVerdict("failed", 1)).isEqualTo("FAILED");
    }

    @Test
    void shouldFailAnInvalidScenarioWithoutPublishingThePreviousBuildsResults() throws Exception {
        assertThat(sh(scenario("[\"http.errors == 0\"]"), "invalid", 1).exitCode()).isZero();
        Files.writeString(workspace.resolve("broken.yml"), "name: broken\nload: 7\n");

        CliRunner.Outcome sh = sh("broken.yml", "invalid", 2);

        assertThat(sh.exitCode()).as(sh.out() + sh.err()).isEqualTo(ExitCodes.USAGE);
        assertThat(sh.out() + sh.err()).contains("broken.yml");
        assertThat(workspace.resolve("stressgate-out/storm/results.json")).as("build 1's results are gone").doesNotExist();
        assertThat(gate("invalid", 2).statusCode()).as("nothing published for build 2").isEqualTo(404);
        assertThat(storedVerdict("invalid", 1)).isEqualTo("PASSED");
    }

    @Test
    void shouldUseOnlyShJunitAndArchiveArtifactsInTheReadmeAndTheJenkinsfile() throws Exception {
        for (String text : List.of(readmeSection(), jenkinsfileStage())) {
            String steps = text.substring(text.indexOf("steps {"));
            assertThat(steps).contains("sh '''", "junit \"${env.OUT}/junit.xml\"", "archiveArtifacts artifacts: \"${env.OUT}/**\"")
                    .doesNotContain("stressTest", "chaosKill", "assertNoOrphans", "unstable(", "error(", "catchError");
        }
    }
}
