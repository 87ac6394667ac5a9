package io.stressgate.cli;

import io.stressgate.engine.result.ExitCodes;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code stressgate validate}: what it says about a scenario that would run but could not judge anything. */
class ValidateCommandTest {
    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    @TempDir
    Path dir;

    private int validate(String yaml, String... extra) throws Exception {
        return validate(dir.resolve("s.yml"), yaml, extra);
    }

    private int validate(Path file, String yaml, String... extra) throws Exception {
        Files.writeString(file, yaml);
        String[] args = new String[extra.length + 2];
        args[0] = "validate";
        args[1] = file.toString();
        System.arraycopy(extra, 0, args, 2, extra.length);
        return StressGateCommand.commandLine(new PrintWriter(out, true), new PrintWriter(err, true)).execute(args);
    }

    @Test
    void shouldWarnAboutAScenarioWithoutGates() throws Exception {
        int code = validate("""
                name: no gates
                target: http://127.0.0.1:9
                load: [{name: root, executor: constant-vus, vus: 1, duration: 1s, request: {path: /}}]
                """);

        assertThat(code).isEqualTo(ExitCodes.PASSED);
        assertThat(err.toString()).contains("warning: the scenario has no gates");
    }

    @Test
    void shouldNotWarnWhenTheScenarioHasGates() throws Exception {
        int code = validate("""
                name: gated
                target: http://127.0.0.1:9
                load: [{name: root, executor: constant-vus, vus: 1, duration: 1s, request: {path: /}}]
                gates: ["http.error_rate < 1%"]
                """);

        assertThat(code).isEqualTo(ExitCodes.PASSED);
        assertThat(err.toString()).doesNotContain("warning");
    }

    @Test
    void shouldReportOnlyTheMissingVariableWhenTheQueuesRedisIsNotGiven() throws Exception {
        int code = validate("""
                name: queues from a variable
                target: http://127.0.0.1:9
                redis: ${REDIS_URL_NOT_SET_ANYWHERE}
                queues: [{name: default, type: rq}]
                load: [{name: root, executor: constant-vus, vus: 1, duration: 1s, request: {path: /}}]
                gates: ["queue{name=default}.max_depth < 100"]
                """);

        assertThat(code).isEqualTo(ExitCodes.USAGE);
        assertThat(err.toString()).contains("REDIS_URL_NOT_SET_ANYWHERE").doesNotContain("declares no queues");
    }

    private static final String SENDS_SECRET = """
            name: body from a file
            target: http://127.0.0.1:9
            load:
              - name: upload
                executor: constant-vus
                vus: 1
                duration: 1s
                request: {method: POST, path: /, bodyFile: ../secret.txt}
            gates: ["http.error_rate < 1%"]
            """;

    @Test
    void shouldRefuseABodyFileOutsideTheScenariosFolderNamingTheFileLineAndKey() throws Exception {
        Path scenarios = Files.createDirectories(dir.resolve("scenarios"));
        Files.writeString(dir.resolve("secret.txt"), "agent secret");
        Path file = scenarios.resolve("upload.yml");

        int code = validate(file, SENDS_SECRET);

        assertThat(code).isEqualTo(ExitCodes.USAGE);
        assertThat(err.toString()).contains(file + ":8:", "load[0].request.bodyFile", "is outside");
        assertThat(out.toString()).doesNotContain("agent secret");
    }

    @Test
    void shouldAcceptTheSameBodyFileUnderTheFilesRootGivenOnTheCommandLine() throws Exception {
        Path scenarios = Files.createDirectories(dir.resolve("scenarios"));
        Files.writeString(dir.resolve("secret.txt"), "agent secret");

        int code = validate(scenarios.resolve("upload.yml"), SENDS_SECRET, "--files-root", dir.toString());

        assertThat(code).as(err.toString()).isEqualTo(ExitCodes.PASSED);
    }

    @Test
    void shouldRefuseALiteralPathThatWouldSplitTheRequestLineNamingTheFileLineAndKey() throws Exception {
        Path file = dir.resolve("split.yml");

        int code = validate(file, """
                name: split request line
                target: http://127.0.0.1:9
                load: [{name: root, executor: constant-vus, vus: 1, duration: 1s,
                        request: {path: "/a HTTP/1.1\\r\\nHost: x\\r\\n\\r\\nDELETE /admin"}}]
                gates: ["http.error_rate < 1%"]
                """);

        assertThat(code).isEqualTo(ExitCodes.USAGE);
        assertThat(err.toString()).contains(file + ":4:", "load[0].request.path", "RFC 3986");
    }
}
