package io.stressgate.engine.scenario;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Body files stay inside the scenario's folder, and a literal path can only be sent as written when RFC 3986 allows it. */
class RequestFilesAndPathsTest {
    @TempDir
    Path dir;

    private Path scenarioDir() throws Exception {
        Path scenarios = Files.createDirectories(dir.resolve("scenarios"));
        Files.writeString(scenarios.resolve("payload.json"), "{\"a\":1}");
        Files.writeString(dir.resolve("secret.txt"), "agent secret");
        Files.createSymbolicLink(scenarios.resolve("link-out.txt"), dir.resolve("secret.txt"));
        return scenarios;
    }

    private static String withRequest(String request) {
        return """
                name: files
                target: http://127.0.0.1:8080
                load:
                  - name: p
                    executor: constant-vus
                    vus: 1
                    duration: 1s
                    request: %s
                """.formatted(request);
    }

    private ScenarioException problems(Path baseDir, Path filesRoot, String request) {
        ScenarioLoader loader = new ScenarioLoader(Variables.of(Map.of()), ScenarioLimits.DEFAULTS, filesRoot);
        return catchThrowableOfType(ScenarioException.class, () -> loader.parse("files.yml", withRequest(request), baseDir));
    }

    @Test
    void shouldReadABodyFileInsideTheScenariosFolder() throws Exception {
        Path scenarios = scenarioDir();
        Scenario s = new ScenarioLoader(Variables.of(Map.of()), ScenarioLimits.DEFAULTS)
                .parse("files.yml", withRequest("{method: POST, path: /, bodyFile: payload.json}"), scenarios);

        assertThat(((Body.Bytes) s.load().get(0).flow().first().body()).data()).asString().isEqualTo("{\"a\":1}");
    }

    @Test
    void shouldRefuseBodyFilesOutsideTheScenariosFolderWithLineAndKey() throws Exception {
        Path scenarios = scenarioDir();
        for (String file : new String[] {"/etc/passwd", "../secret.txt", "link-out.txt", scenarios.getParent() + "/secret.txt"}) {
            ScenarioException e = problems(scenarios, null, "{method: POST, path: /, bodyFile: \"" + file + "\"}");

            assertThat(e).as(file).isNotNull();
            assertThat(e.problems()).as(file).singleElement().satisfies(p -> {
                assertThat(p.location().line()).isEqualTo(8);
                assertThat(p.path()).isEqualTo("load[0].request.bodyFile");
                assertThat(p.message()).containsAnyOf("is outside", "symbolic link");
            });
        }
    }

    @Test
    void shouldRefuseAMultipartFileOutsideTheScenariosFolder() throws Exception {
        Path scenarios = scenarioDir();
        ScenarioException e = problems(scenarios, null, "{method: POST, path: /, multipart: [{name: f, file: ../secret.txt}]}");

        assertThat(e.problems()).singleElement().satisfies(p -> {
            assertThat(p.path()).isEqualTo("load[0].request.multipart[0].file");
            assertThat(p.message()).contains("is outside");
        });
    }

    @Test
    void shouldAcceptAFileOutsideTheScenariosFolderInsideTheFilesRootGivenOnTheCommandLine() throws Exception {
        Path scenarios = scenarioDir();
        Scenario s = new ScenarioLoader(Variables.of(Map.of()), ScenarioLimits.DEFAULTS, dir)
                .parse("files.yml", withRequest("{method: POST, path: /, bodyFile: ../secret.txt}"), scenarios);

        assertThat(((Body.Bytes) s.load().get(0).flow().first().body()).data()).asString().isEqualTo("agent secret");
    }

    @Test
    void shouldRefuseANulInAFilePathAsAProblemOfItsKey() throws Exception {
        ScenarioException e = problems(scenarioDir(), null, "{method: POST, path: /, bodyFile: \"a\\0b\"}");

        assertThat(e.problems()).singleElement().satisfies(p -> {
            assertThat(p.path()).isEqualTo("load[0].request.bodyFile");
            assertThat(p.message()).contains("a[U+0000]b", "is not a file path");
        });
    }

    @Test
    void shouldRefuseLineBreaksSpacesAndRawNonAsciiInALiteralPath() throws Exception {
        for (String path : new String[] {"/a\\r\\nDELETE /b", "/a b", "/caf\\u00e9", "/a%zz", "/a#frag"}) {
            ScenarioException e = problems(dir, null, "{path: \"" + path + "\"}");

            assertThat(e).as(path).isNotNull();
            assertThat(e.problems()).as(path).singleElement().satisfies(p -> {
                assertThat(p.location().line()).isEqualTo(8);
                assertThat(p.path()).isEqualTo("load[0].request.path");
                assertThat(p.message()).contains("RFC 3986");
            });
        }
    }

    @Test
    void shouldAcceptPercentEncodedPathsPlaceholdersAndEncodedQueryValues() throws Exception {
        Scenario s = new ScenarioLoader(Variables.of(Map.of()), ScenarioLimits.DEFAULTS).parse("files.yml",
                withRequest("{path: \"/a%20b/{{uuid}}/x;y=1:@!$'()*+,\", query: {q: \"a b\\r\\n\"}}"), dir);

        assertThat(s.load().get(0).flow().first().pathAndQuery().text()).isEqualTo("/a%20b/{{uuid}}/x;y=1:@!$'()*+,?q=a+b%0D%0A");
    }
}
