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
        Path file = dir.resolve("s.yml");
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
}
