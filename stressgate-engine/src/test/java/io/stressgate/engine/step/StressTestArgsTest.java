package io.stressgate.engine.step;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class StressTestArgsTest {
    private static StressTestArgs.Input input(String scenario) {
        return new StressTestArgs.Input(scenario, null, null, null, null, null);
    }

    private static List<ArgumentProblem> problems(StressTestArgs.Input in) {
        try {
            StressTestArgs.of(in);
        } catch (StepArgumentException e) {
            assertThat(e.step()).isEqualTo("stressTest");
            return e.problems();
        }
        throw new AssertionError("expected the arguments to be refused: " + in);
    }

    @Test
    void shouldAcceptAScenarioAloneWithTheDefaults() throws Exception {
        StressTestArgs args = StressTestArgs.of(input("./perf//storm.yml"));

        assertThat(args.scenario()).isEqualTo("perf/storm.yml");
        assertThat(args.vars()).isEmpty();
        assertThat(args.baseline()).isEqualTo(BaselineChoice.LAST_PASSED);
        assertThat(args.publish()).isNull();
        assertThat(args.timeout()).isNull();
    }

    @Test
    void shouldAcceptEveryArgumentWhenAllAreValid() throws Exception {
        Map<String, Object> vars = new LinkedHashMap<>();
        vars.put("TARGET", "http://127.0.0.1:8080");
        vars.put("RATE", 200);
        vars.put("_debug", true);
        vars.put("PASSWORD", new StringBuilder("pa$$word"));

        StressTestArgs args = StressTestArgs.of(new StressTestArgs.Input("perf/storm.yml", vars, "#42",
                "https://gate.example.com/api", "gate-token", "30m"));

        assertThat(args.vars()).containsExactly(Map.entry("TARGET", "http://127.0.0.1:8080"), Map.entry("RATE", "200"),
                Map.entry("_debug", "true"), Map.entry("PASSWORD", "pa$$word"));
        assertThat(args.baseline()).isEqualTo(BaselineChoice.build(42));
        assertThat(args.publish()).isEqualTo(new PublishTarget(URI.create("https://gate.example.com/api"), "gate-token"));
        assertThat(args.timeout()).isEqualTo(Duration.ofMinutes(30));
    }

    @ParameterizedTest
    @ValueSource(strings = {"lastPassed", "LASTPASSED", " lastpassed "})
    void shouldReadLastPassedInAnyCase(String text) throws Exception {
        assertThat(StressTestArgs.of(new StressTestArgs.Input("a.yml", null, text, null, null, null)).baseline())
                .isEqualTo(BaselineChoice.LAST_PASSED);
    }

    @Test
    void shouldReadNoneAsNoBaseline() throws Exception {
        assertThat(StressTestArgs.of(new StressTestArgs.Input("a.yml", null, "none", null, null, null)).baseline())
                .isEqualTo(BaselineChoice.NONE);
    }

    @Test
    void shouldReportEveryProblemAtOnceWithItsParameterName() {
        Map<String, Object> vars = new LinkedHashMap<>();
        vars.put("1BAD", "x");
        vars.put("PATH", "/tmp");
        vars.put("STRESSGATE_TOKEN", "t");
        vars.put("EMPTY", null);
        vars.put("LIST", List.of("a"));
        vars.put("NUL", "a\0b");

        List<ArgumentProblem> problems = problems(new StressTestArgs.Input("/etc/passwd", vars, "yesterday",
                "ftp://gate", null, "10y"));

        assertThat(problems).extracting(ArgumentProblem::parameter).containsExactly("scenario", "vars.1BAD", "vars.PATH",
                "vars.STRESSGATE_TOKEN", "vars.EMPTY", "vars.LIST", "vars.NUL", "baseline", "publish", "credentialsId",
                "timeout");
    }

    @Test
    void shouldRequireTheScenario() {
        assertThat(problems(input(null))).singleElement().satisfies(p -> {
            assertThat(p.parameter()).isEqualTo("scenario");
            assertThat(p.message()).contains("required");
        });
    }

    @ParameterizedTest
    @ValueSource(strings = {"../../config.xml", "/etc/passwd", "..\\..\\secrets", "%2e%2e%2fconfig.xml", "a\0b.yml",
            "C:/Windows/x.yml", "~/x.yml", "perf/../../x.yml", "", " ", ".", "./", "a\u202Eb.yml"})
    void shouldRefuseAScenarioPathThatCouldLeaveTheWorkspace(String path) {
        assertThat(problems(input(path))).extracting(ArgumentProblem::parameter).containsExactly("scenario");
    }

    @Test
    void shouldRefuseAnOverlongScenarioPath() {
        assertThat(problems(input("a/".repeat(600) + "x.yml"))).singleElement()
                .satisfies(p -> assertThat(p.message()).contains("at most 1024"));
        assertThat(problems(input("x".repeat(256) + ".yml"))).singleElement()
                .satisfies(p -> assertThat(p.message()).contains("at most 255"));
    }

    @Test
    void shouldRefuseAPublishUrlWithCredentialsInIt() {
        assertThat(problems(new StressTestArgs.Input("a.yml", null, null, "https://user:pw@gate.example.com", "id", null)))
                .singleElement().satisfies(p -> {
                    assertThat(p.parameter()).isEqualTo("publish");
                    assertThat(p.message()).contains("must not contain a user or password");
                });
    }

    @Test
    void shouldRefuseCredentialsWithoutAServer() {
        assertThat(problems(new StressTestArgs.Input("a.yml", null, null, null, "id", null)))
                .extracting(ArgumentProblem::parameter).containsExactly("credentialsId");
    }

    @Test
    void shouldRefuseTooManyVariables() {
        Map<String, Object> vars = new LinkedHashMap<>();
        for (int i = 0; i <= StressTestArgs.MAX_VARS; i++) {
            vars.put("V" + i, "x");
        }
        assertThat(problems(new StressTestArgs.Input("a.yml", vars, null, null, null, null))).singleElement()
                .satisfies(p -> assertThat(p.parameter()).isEqualTo("vars"));
    }

    @Test
    void shouldRefuseATimeoutOutsideItsBounds() {
        assertThat(problems(new StressTestArgs.Input("a.yml", null, null, null, null, "500ms"))).singleElement()
                .satisfies(p -> assertThat(p.parameter()).isEqualTo("timeout"));
        assertThat(problems(new StressTestArgs.Input("a.yml", null, null, null, null, "30"))).singleElement()
                .satisfies(p -> assertThat(p.message()).contains("no unit"));
    }

    @Test
    void shouldSayHowManyProblemsThereAreInTheMessage() {
        assertThatThrownBy(() -> StressTestArgs.of(new StressTestArgs.Input(null, null, "x", null, null, null)))
                .isInstanceOf(StepArgumentException.class)
                .hasMessageStartingWith("stressTest: 2 problems with the arguments")
                .hasMessageContaining("scenario: is required")
                .hasMessageContaining("baseline: \"x\" is not a baseline");
    }

    @Test
    void shouldTakeTheShardAndRefuseToPublishAShard() throws Exception {
        StressTestArgs shard = StressTestArgs.of(new StressTestArgs.Input("a.yml", null, null, null, null, null, "2/4", "nightly"));

        assertThat(shard.shard()).isEqualTo(new io.stressgate.engine.scenario.ShardRole(2, 4, "nightly", 1));
        assertThat(StressTestArgs.of(input("a.yml")).shard()).isNull();
        assertThat(problems(new StressTestArgs.Input("a.yml", null, null, "https://gate.example.com", "id", null, "1/2", null)))
                .extracting(ArgumentProblem::parameter).containsExactly("publish");
        assertThat(problems(new StressTestArgs.Input("a.yml", null, null, null, null, null, "5/4", null)))
                .extracting(ArgumentProblem::parameter).containsExactly("shard");
        assertThat(problems(new StressTestArgs.Input("a.yml", null, null, null, null, null, null, "nightly")))
                .extracting(ArgumentProblem::parameter).containsExactly("shardGroup");
    }

    @Test
    void shouldTakeVariablesAsTheScriptsMapOrTheFormsListButEachNameOnce() throws Exception {
        Map<Object, Object> map = new LinkedHashMap<>(Map.of("TARGET", "http://127.0.0.1:8080"));

        assertThat(StressTestArgs.vars(map, List.of(Map.entry("USERS", "10"))))
                .containsExactly(Map.entry("TARGET", "http://127.0.0.1:8080"), Map.entry("USERS", "10"));
        assertThat(StressTestArgs.vars(null, null)).isNull();
        assertThat(catchThrowableOfType(StepArgumentException.class, () -> StressTestArgs.vars(map,
                List.of(Map.entry("TARGET", "x")))).problems()).singleElement()
                .satisfies(p -> assertThat(p.message()).contains("\"TARGET\" is given more than once (also in vars)"));
        assertThat(catchThrowableOfType(StepArgumentException.class, () -> StressTestArgs.vars(null,
                List.of(Map.entry("A", "1"), Map.entry("A", "2")))).problems()).extracting(ArgumentProblem::parameter)
                .containsExactly("variables");
    }

    private static final Instant BUILD_START = Instant.parse("2026-12-05T10:00:00Z");

    private static StressTestArgs.Input shardStartingAt(String shard, String startAt) {
        return new StressTestArgs.Input("perf/storm.yml", null, null, null, null, null, shard, null, startAt, BUILD_START);
    }

    @Test
    void shouldStartEveryShardOfABuildAtTheSameInstantAfterTheBuildStarted() throws Exception {
        Instant firstBranch = BUILD_START.plusSeconds(5);
        Instant lastBranch = BUILD_START.plusSeconds(40);

        StressTestArgs one = StressTestArgs.of(shardStartingAt("1/3", "build+2m"), firstBranch);
        StressTestArgs three = StressTestArgs.of(shardStartingAt("3/3", " BUILD+120s "), lastBranch);

        assertThat(one.startAt()).isEqualTo(Instant.parse("2026-12-05T10:02:00Z")).isEqualTo(three.startAt());
    }

    @Test
    void shouldTakeAnIsoInstantAsTheStart() throws Exception {
        StressTestArgs args = StressTestArgs.of(shardStartingAt("2/2", "2026-12-05T10:05:00Z"), BUILD_START);

        assertThat(args.startAt()).isEqualTo(Instant.parse("2026-12-05T10:05:00Z"));
    }

    @Test
    void shouldRefuseAStartWithoutAShardAndOneThatCannotBeRead() {
        StressTestArgs.Input unsharded = new StressTestArgs.Input("perf/storm.yml", null, null, null, null, null, null,
                null, "build+1m", BUILD_START);

        assertThat(problems(unsharded)).singleElement().satisfies(p -> {
            assertThat(p.parameter()).isEqualTo("startAt");
            assertThat(p.message()).contains("only for a sharded run");
        });
        assertThat(problems(shardStartingAt("1/2", "tomorrow"))).singleElement().satisfies(p -> {
            assertThat(p.parameter()).isEqualTo("startAt");
            assertThat(p.message()).contains("\"tomorrow\"").contains("build+DURATION");
        });
        assertThat(problems(shardStartingAt("1/2", "build+soon"))).singleElement()
                .satisfies(p -> assertThat(p.message()).contains("build+soon"));
    }

    @Test
    void shouldRefuseAStartInThePastOrMoreThanAnHourAhead() {
        Instant late = BUILD_START.plusSeconds(300);
        List<ArgumentProblem> past = problemsAt(shardStartingAt("1/2", "build+1m"), late);
        List<ArgumentProblem> far = problemsAt(shardStartingAt("1/2", "build+2h"), BUILD_START);

        assertThat(past).singleElement().satisfies(p -> assertThat(p.message()).contains("in the past"));
        assertThat(far).singleElement().satisfies(p -> assertThat(p.message()).contains("ahead"));
    }

    @Test
    void shouldRefuseARelativeStartWhenTheBuildsStartIsNotKnown() {
        StressTestArgs.Input in = new StressTestArgs.Input("perf/storm.yml", null, null, null, null, null, "1/2", null,
                "build+1m", null);

        assertThat(problems(in)).singleElement().satisfies(p -> assertThat(p.message()).contains("build's start time"));
    }

    private static List<ArgumentProblem> problemsAt(StressTestArgs.Input in, Instant now) {
        try {
            StressTestArgs.of(in, now);
        } catch (StepArgumentException e) {
            return e.problems();
        }
        throw new AssertionError("expected the arguments to be refused: " + in);
    }
}
