package io.stressgate.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.stream.StreamSupport;

/** One finished run of the command line tool in a JVM of its own: its exit code, its output and its results.json. */
public record FinishedRun(int exitCode, String out, JsonNode results, Path outDir) {
    public JsonNode load(String name) {
        return results.path("load").path(name);
    }

    public JsonNode jobs() {
        return results.path("jobs");
    }

    public JsonNode chaos(String name) {
        return named(results.path("chaos"), name, "chaos event");
    }

    public JsonNode service(String name) {
        return named(results.path("services"), name, "service");
    }

    public boolean gateHeld(String expression) {
        return StreamSupport.stream(results.path("gates").spliterator(), false)
                .filter(g -> g.path("expression").asText().equals(expression)).findFirst()
                .orElseThrow(() -> new AssertionError("no gate " + expression)).path("passed").asBoolean();
    }

    private static JsonNode named(JsonNode array, String name, String what) {
        return StreamSupport.stream(array.spliterator(), false)
                .filter(e -> e.path("name").asText().equals(name)).findFirst()
                .orElseThrow(() -> new AssertionError("no " + what + " " + name + " in " + array));
    }
}
