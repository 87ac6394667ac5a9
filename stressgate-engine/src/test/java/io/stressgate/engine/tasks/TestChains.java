package io.stressgate.engine.tasks;

import io.stressgate.engine.scenario.Body;
import io.stressgate.engine.scenario.JobChain;
import io.stressgate.engine.scenario.RequestSpec;
import io.stressgate.engine.scenario.StatusSet;
import io.stressgate.engine.scenario.Template;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Job chains for accounting tests, as the scenario reader would build them. */
final class TestChains {
    private TestChains() {
    }

    static JobChain chain(String origin, String completionsPointer) {
        RequestSpec submit = request("create", "POST", origin, "/jobs");
        RequestSpec poll = request("poll", "GET", origin, "/jobs/{{id}}?trace={{uuid}}");
        return new JobChain(submit, "/id", poll, Duration.ofMillis(100), "/status",
                Set.of("done", "finished"), Set.of("failed", "error"), Set.of("queued", "pending"),
                Duration.ofSeconds(30), List.of(), completionsPointer);
    }

    static RequestSpec request(String name, String method, String origin, String path) {
        return new RequestSpec(name, method, URI.create(origin), Template.parse(path),
                List.of(new RequestSpec.Header("X-Job", Template.parse("{{id}}"))), Body.NONE, Duration.ofSeconds(2),
                Duration.ofSeconds(1), StatusSet.DEFAULT, 64 * 1024, Map.of(), null);
    }
}
