package io.stressgate.engine.load;

import static org.assertj.core.api.Assertions.assertThat;

import io.stressgate.engine.gate.GateEvaluator;
import io.stressgate.engine.gate.ResultsMetrics;
import io.stressgate.engine.result.BreakingPoint;
import io.stressgate.engine.result.BreakingStep;
import io.stressgate.engine.result.GateResult;
import io.stressgate.engine.result.Histograms;
import io.stressgate.engine.result.MetricSource;
import io.stressgate.engine.result.MetricValue;
import io.stressgate.engine.result.RunResults;
import io.stressgate.engine.scenario.ExecutorSpec;
import io.stressgate.engine.scenario.GateExpression;
import io.stressgate.engine.scenario.GateSpec;
import io.stressgate.engine.scenario.Location;
import io.stressgate.engine.scenario.Rate;
import io.stressgate.engine.scenario.Severity;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** Steps of 2 s at 1 s intervals from 10/s by 10/s to 30/s; the phase starts with the run's interval 3. */
class StepJudgeTest {
    private static final long SECOND = 1_000_000_000L;
    private final AtomicLong depth = new AtomicLong(-1);
    private final MetricSource samplers = metric -> depth.get() < 0 ? MetricValue.missing("not sampled yet")
            : MetricValue.of(depth.get());

    private StepJudge judge(String... conditions) {
        List<ExecutorSpec.StopCondition> stopWhen = Arrays.stream(conditions)
                .map(c -> new ExecutorSpec.StopCondition(GateExpression.parse(c), new Location("t.yml", 1, 1), "stopWhen"))
                .toList();
        var spec = new ExecutorSpec.SteppingArrivalRate(new Rate(10), new Rate(10), Duration.ofSeconds(2), new Rate(30),
                stopWhen, 100);
        return new StepJudge("search", spec, List.of("api"), List.of("jobs"), samplers, 3, SECOND, 3 * SECOND);
    }

    /** One interval in which {@code requests} responses took {@code millis} each, {@code errors} of them failed. */
    private static NameStats[] interval(int requests, long millis, int errors) {
        NameStats s = new NameStats();
        for (int i = 0; i < requests; i++) {
            s.requests++;
            Histograms.record(s.latency, millis * 1000);
        }
        s.errors = errors;
        return new NameStats[] {s};
    }

    private static GateResult gate(String text, BreakingPoint point) {
        GateSpec spec = new GateSpec(GateExpression.parse(text), Severity.FAIL, false, Duration.ZERO, new Location("t", 1, 1));
        return new GateEvaluator().evaluate(spec, new ResultsMetrics(new RunResults.Builder().breakingPoint(point).build()));
    }

    @Test
    void shouldStopAtTheFirstStepWhoseFiguresMakeAConditionHold() {
        StepJudge judge = judge("http.p95 > 500ms", "http.error_rate > 1%");

        assertThat(judge.interval(2, interval(50, 5_000, 50))).as("before the phase: no step").isFalse();
        assertThat(judge.interval(3, interval(10, 100, 0))).isFalse();
        assertThat(judge.interval(4, interval(10, 120, 0))).isTrue();
        assertThat(judge.broke()).isFalse();
        judge.interval(5, interval(20, 300, 0));
        judge.interval(6, interval(20, 900, 0));

        assertThat(judge.broke()).isTrue();
        assertThat(judge.interval(7, interval(30, 100, 0))).as("decided: later intervals belong to no step").isFalse();
        BreakingPoint point = judge.result();
        assertThat(point.outcome()).isEqualTo(BreakingPoint.Outcome.BROKE);
        assertThat(point.rate()).isEqualTo(10.0);
        assertThat(point.brokeAt()).isEqualTo(20.0);
        assertThat(point.reason()).startsWith("\"http.p95 > 500ms\": http.p95 was 90").endsWith("in the step at 20/s");
        assertThat(point.steps()).extracting(BreakingStep::rate, BreakingStep::requests, BreakingStep::held)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(10.0, 20L, true),
                        org.assertj.core.groups.Tuple.tuple(20.0, 40L, false));
        assertThat(point.steps().get(0).p95Ms()).isBetween(119.0, 121.0);
        assertThat(point.steps().get(0).errorRate()).isZero();
        assertThat(gate("load.breaking_point >= 10/s", point).passed()).isTrue();
        assertThat(gate("load.breaking_point >= 15/s", point).message()).isEqualTo("broken: load.breaking_point was 10/s, limit >= 15/s");
    }

    @Test
    void shouldBreakAStepOnItsErrorRate() {
        StepJudge judge = judge("http.p95 > 500ms", "http.error_rate > 1%");

        judge.interval(3, interval(10, 100, 0));
        judge.interval(4, interval(10, 100, 1));

        assertThat(judge.result().reason()).isEqualTo("\"http.error_rate > 1%\": http.error_rate was 5% in the step at 10/s");
        assertThat(judge.result().rate()).isNull();
        assertThat(gate("load.breaking_point >= 1/s", judge.result()).message())
                .contains("was not measured: the first step (10/s) already broke");
    }

    @Test
    void shouldNotCountAStepWithoutResponsesAsHeld() {
        StepJudge judge = judge("http.p95 > 500ms");

        judge.interval(3, interval(10, 100, 0));
        judge.interval(4, interval(10, 100, 0));
        judge.interval(5, interval(0, 0, 0));
        judge.interval(6, interval(0, 0, 0));

        BreakingPoint point = judge.result();
        assertThat(point.brokeAt()).isEqualTo(20.0);
        assertThat(point.reason()).contains("could not be decided").contains("nothing was timed");
        assertThat(point.steps().get(1).p95Ms()).isNull();
        assertThat(point.steps().get(1).errorRate()).isNull();
    }

    @Test
    void shouldStopOnTheDeepestQueueSampledDuringTheStep() {
        StepJudge judge = judge("queue{name=jobs}.max_depth > 50");

        depth.set(10);
        judge.sample(3 * SECOND + 1);
        judge.interval(3, interval(10, 100, 0));
        judge.interval(4, interval(10, 100, 0));
        depth.set(80);
        judge.sample(5 * SECOND + 1);
        depth.set(20);
        judge.sample(6 * SECOND + 1);
        judge.interval(5, interval(20, 100, 0));
        judge.interval(6, interval(20, 100, 0));

        BreakingPoint point = judge.result();
        assertThat(point.steps()).extracting(BreakingStep::queueMax).containsExactly(10L, 80L);
        assertThat(point.reason()).isEqualTo("\"queue{name=jobs}.max_depth > 50\": queue{name=jobs}.max_depth was 80 in the step at 20/s");
    }

    @Test
    void shouldGiveTheMaxAsALowerBoundWhenNoStepBroke() {
        StepJudge judge = judge("http.p95 > 500ms");

        for (long i = 3; i <= 8; i++) {
            judge.interval(i, interval(10, 100, 0));
        }

        BreakingPoint point = judge.result();
        assertThat(point.outcome()).isEqualTo(BreakingPoint.Outcome.HELD_TO_MAX);
        assertThat(point.rate()).isEqualTo(30.0);
        assertThat(point.brokeAt()).isNull();
        assertThat(point.reason()).isEqualTo("did not break up to max 30/s");
        GateResult kept = gate("load.breaking_point >= 25/s", point);
        assertThat(kept.passed()).isTrue();
        assertThat(kept.actualText()).isEqualTo("at least 30/s");
        assertThat(gate("load.breaking_point >= 50/s", point).message())
                .isEqualTo("broken: load.breaking_point was at least 30/s (did not break up to max 30/s), which is below the limit >= 50/s");
        assertThat(gate("load.breaking_point < 100/s", point).message())
                .isEqualTo("broken: load.breaking_point was at least 30/s (did not break up to max 30/s), which cannot show < 100/s");
    }

    @Test
    void shouldSayTheSearchWasCutShortWhenTheRunStoppedMidStep() {
        StepJudge judge = judge("http.p95 > 500ms");

        judge.interval(3, interval(10, 100, 0));
        judge.interval(4, interval(10, 100, 0));
        judge.interval(5, interval(10, 100, 0));
        judge.finish(true);

        BreakingPoint point = judge.result();
        assertThat(point.outcome()).isEqualTo(BreakingPoint.Outcome.CUT_SHORT);
        assertThat(point.rate()).isEqualTo(10.0);
        assertThat(gate("load.breaking_point >= 5/s", point).message())
                .contains("did not finish: the run stopped during the step at 20/s, before the phase broke or reached 30/s");
        assertThat(gate("load.breaking_point >= 5/s", null).message()).contains("the run had no stepping-arrival-rate phase");
    }
}
