package io.stressgate.engine.load;

import static org.assertj.core.api.Assertions.assertThat;

import io.stressgate.engine.scenario.Scenario;
import io.stressgate.engine.scenario.ScenarioLimits;
import io.stressgate.engine.scenario.ScenarioLoader;
import io.stressgate.engine.scenario.Variables;
import io.stressgate.engine.tasks.JobLedger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import jdk.jfr.Recording;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedMethod;
import jdk.jfr.consumer.RecordingFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The warm-up compiles the HTTP/1.1 response path the run itself takes, so the run's first responses throw none of
 * it back to the interpreter. Proved with the JVM's own record: Flight Recorder's deoptimization events for the
 * parser and the flow driver after the load's clock started, against a real loopback server, with the defaults that
 * ask for compression and watch for redirects and cookies.
 */
class WarmupIT {
    private static final Set<String> RESPONSE_PATH = Set.of(ResponseParser.class.getName(), ResponseHeaders.class.getName(),
            FlowDriver.class.getName(), Connection.class.getName(), HopHeaders.class.getName(), BodyInflater.class.getName());

    @Test
    void shouldLeaveTheRunsResponsePathCompiledWhenTheClockStarts(@TempDir Path dir) throws Exception {
        List<RecordedEvent> events;
        LoadReport report;
        try (LoopbackResponder target = new LoopbackResponder(); Recording recording = new Recording()) {
            recording.enable("jdk.Deoptimization").withoutStackTrace();
            recording.enable("jdk.Compilation").withThreshold(Duration.ZERO).withoutStackTrace();
            recording.start();
            report = run("http://127.0.0.1:" + target.port());
            recording.stop();
            Path file = dir.resolve("run.jfr");
            recording.dump(file);
            events = RecordingFile.readAllEvents(file);
            Files.delete(file);
        }
        Instant clockStarted = report.startedAt();

        assertThat(report.load().get("all").requests()).as("the run's own requests").isGreaterThan(1_000);
        // The JIT may compile the parser's feed on its own or inline it into a caller, so the warm-up's proof is any
        // response-path method compiled by the optimizing compiler before the clock.
        assertThat(events).as("the warm-up compiled the response path with the optimizing compiler before the clock")
                .anyMatch(e -> e.getEventType().getName().equals("jdk.Compilation") && e.getStartTime().isBefore(clockStarted)
                        && e.getInt("compileLevel") == 4 && RESPONSE_PATH.contains(type(e)));
        // The first second after the clock is where a warm-up compiled for another path shows (within 50 ms before the
        // fix); branches the run's end takes (closing, interrupting) are not the warm-up's to train.
        Instant firstSecond = clockStarted.plusSeconds(1);
        assertThat(events.stream().filter(e -> e.getEventType().getName().equals("jdk.Deoptimization")
                        && !e.getStartTime().isBefore(clockStarted) && e.getStartTime().isBefore(firstSecond)
                        && RESPONSE_PATH.contains(type(e))).map(WarmupIT::name))
                .as("response-path methods thrown back to the interpreter in the first second of the clock").isEmpty();
    }

    private static LoadReport run(String url) throws Exception {
        Scenario scenario = new ScenarioLoader(Variables.of(Map.of("TARGET", url)), ScenarioLimits.DEFAULTS).parse("warm.yml", """
                name: warm
                target: ${TARGET}
                options: {threads: 1}
                load:
                  - {name: root, executor: constant-vus, vus: 16, duration: 2s, request: {path: /}}
                """, Path.of("."));
        return new LoadGenerator(Clock.systemUTC(), phase -> new JobLedger(), 1).start(scenario, LoadListener.NONE).await();
    }

    private static String type(RecordedEvent e) {
        RecordedMethod m = e.getValue("method");
        return m.getType().getName();
    }

    private static String name(RecordedEvent e) {
        RecordedMethod m = e.getValue("method");
        return m.getType().getName() + "." + m.getName();
    }
}
