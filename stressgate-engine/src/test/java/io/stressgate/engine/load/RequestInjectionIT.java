package io.stressgate.engine.load;

import static org.assertj.core.api.Assertions.assertThat;

import io.stressgate.engine.scenario.Scenario;
import io.stressgate.engine.scenario.ScenarioLimits;
import io.stressgate.engine.scenario.ScenarioLoader;
import io.stressgate.engine.scenario.Variables;
import io.stressgate.engine.tasks.JobLedger;
import io.stressgate.engine.testing.TestTarget;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/**
 * A target that answers a submit with a job id built to split the request line: polling it through
 * {@code /jobs/{{id}}} and sending it in a header must not make the target see any request it was not meant to.
 */
class RequestInjectionIT {
    private static final String HOSTILE_ID = "7 HTTP/1.1\r\nHost: x\r\n\r\nDELETE /admin/everything";

    @Test
    void shouldSendAHostileJobIdAsOnePercentEncodedPathSegmentAndNoSecondRequest() throws Exception {
        List<String> seen = new CopyOnWriteArrayList<>();
        try (TestTarget target = TestTarget.start(exchange -> {
            seen.add(exchange.getRequestMethod() + " " + exchange.getRequestURI().getRawPath()
                    + " X-Job=" + exchange.getRequestHeaders().getFirst("X-Job"));
            if (exchange.getRequestMethod().equals("POST")) {
                TestTarget.reply(exchange, 201, "{\"id\":\"" + HOSTILE_ID.replace("\r", "\\r").replace("\n", "\\n") + "\"}");
            } else {
                TestTarget.reply(exchange, 200, "{\"status\":\"finished\"}");
            }
        }, 4)) {
            Scenario scenario = new ScenarioLoader(Variables.of(Map.of("TARGET", target.url())), ScenarioLimits.DEFAULTS)
                    .parse("it.yml", """
                            name: hostile id
                            target: ${TARGET}
                            load:
                              - name: jobs
                                executor: burst
                                count: 3
                                job:
                                  submit: {name: submit, method: POST, path: /jobs, json: {audio: a.wav}, expect: [201]}
                                  poll: {name: status, path: "/jobs/{{id}}", headers: {X-Job: "{{id}}"}}
                                  every: 100ms
                                  done: [finished]
                                  timeout: 5s
                            """, Path.of("."));

            LoadReport report = new LoadGenerator(Clock.systemUTC(), phase -> new JobLedger(), 1)
                    .start(scenario, LoadListener.NONE).await();

            assertThat(report.completed()).isTrue();
            String encoded = "/jobs/7%20HTTP%2F1.1%0D%0AHost%3A%20x%0D%0A%0D%0ADELETE%20%2Fadmin%2Feverything";
            assertThat(seen).hasSizeGreaterThanOrEqualTo(6)
                    .allSatisfy(line -> assertThat(line).matches("POST /jobs X-Job=null|GET \\Q" + encoded
                            + " X-Job=7 HTTP/1.1%0D%0AHost: x%0D%0A%0D%0ADELETE /admin/everything\\E"));
            assertThat(target.served()).isEqualTo(seen.size());
        }
    }
}
