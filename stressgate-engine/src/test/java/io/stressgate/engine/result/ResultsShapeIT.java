package io.stressgate.engine.result;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.stressgate.engine.load.LoadListener;
import io.stressgate.engine.run.RunSettings;
import io.stressgate.engine.run.StressRunner;
import io.stressgate.engine.scenario.ScenarioLimits;
import io.stressgate.engine.scenario.ScenarioLoader;
import io.stressgate.engine.scenario.Variables;
import io.stressgate.engine.testing.JobApi;
import io.stressgate.engine.testing.TestTarget;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Iterator;
import java.util.Map;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The shape of results.json from a real run, pinned against a golden list of paths and types: a change to the
 * contract shows up here and must be made on purpose (regenerate with -Dgolden.update=true), and what the engine
 * writes must be what the strict reader accepts.
 */
class ResultsShapeIT {
    private static final Path GOLDEN = Path.of("src/test/resources/golden/results-shape.txt");

    @Test
    void shouldWriteResultsOfTheGoldenShapeThatTheStrictReaderAccepts(@TempDir Path dir) throws Exception {
        JobApi api = new JobApi(100);
        RunResults results;
        try (TestTarget target = api.start()) {
            var scenario = new ScenarioLoader(Variables.of(Map.of("TARGET", target.url())), ScenarioLimits.DEFAULTS).parse("shape.yml", """
                    name: shape
                    target: ${TARGET}
                    load:
                      - name: jobs
                        executor: constant-arrival-rate
                        rate: 20/s
                        duration: 1s
                        job:
                          submit: {name: create, method: POST, path: /jobs, expect: [201], checks: [{name: has-id, json: /id}]}
                          poll: {name: poll, path: "/jobs/{{id}}"}
                          every: 50ms
                          status: /data/status
                          done: [finished]
                          timeout: 5s
                          then: [{name: download, path: "/jobs/{{id}}/result"}]
                    gates: ["http.p95 < 1s", {expr: "jobs.lost == 0", severity: unstable}]
                    """, Path.of("."));
            results = new StressRunner(Clock.systemUTC(), new RunSettings("cookie", dir, 1)).start(scenario, LoadListener.NONE).await();
        }
        Path file = dir.resolve("results.json");
        ResultsJson.write(results, file);

        RunResults read = new ResultsReader().read(file);
        String shape = String.join("\n", shape(new ObjectMapper().readTree(file.toFile()))) + "\n";
        if (Boolean.getBoolean("golden.update")) {
            Files.writeString(GOLDEN, shape);
        }
        assertThat(shape).isEqualTo(Files.readString(GOLDEN, StandardCharsets.UTF_8));
        assertThat(read).isEqualTo(results);
        assertThat(read.schema()).isEqualTo("stressgate.results/1");
    }

    /**
     * Every path in the document, with the type of containers; arrays and maps keyed by names collapse to [] and
     * {name}. Scalar types are left to the strict reader, which the same test runs.
     */
    private static TreeSet<String> shape(JsonNode root) {
        TreeSet<String> paths = new TreeSet<>();
        walk(root, "", paths);
        return paths;
    }

    private static void walk(JsonNode node, String path, TreeSet<String> out) {
        out.add(node.isContainerNode() ? path + ": " + node.getNodeType().name().toLowerCase() : path);
        if (node.isArray()) {
            node.forEach(item -> walk(item, path + "[]", out));
        } else if (node.isObject()) {
            boolean names = path.endsWith(".load") || path.endsWith(".byName") || path.endsWith(".status")
                    || path.endsWith(".errorKinds");
            Iterator<Map.Entry<String, JsonNode>> fields = node.fields();
            while (fields.hasNext()) {
                Map.Entry<String, JsonNode> e = fields.next();
                walk(e.getValue(), path + "." + (names ? "{name}" : e.getKey()), out);
            }
        }
    }
}
