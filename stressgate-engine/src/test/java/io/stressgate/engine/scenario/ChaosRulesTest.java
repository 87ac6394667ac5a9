package io.stressgate.engine.scenario;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class ChaosRulesTest {
    private static ChaosRules.Draft kill() {
        return new ChaosRules.Draft(ChaosSpec.Action.KILL, true, null, null, null, false, false, false, null, null, null, false, false);
    }

    private static ChaosRules.Draft stop(Duration duration) {
        return new ChaosRules.Draft(ChaosSpec.Action.STOP, false, null, null, null, false, false, false, duration,
                List.of("redis-cli", "shutdown"), List.of("redis-server"), false, false);
    }

    private static List<String> keys(ChaosRules.Draft d, ChaosRules.Origin origin) {
        return ChaosRules.check(d, origin, k -> k).stream().map(ChaosRules.Problem::key).toList();
    }

    @Test
    void shouldAcceptAPlainKillAndAStopWithItsRestoreEverywhere() {
        for (ChaosRules.Origin origin : ChaosRules.Origin.values()) {
            assertThat(keys(kill(), origin)).as(origin.name()).isEmpty();
            assertThat(keys(stop(Duration.ofSeconds(5)), origin)).as(origin.name()).isEmpty();
        }
    }

    @Test
    void shouldCapCountAndMaxAtAThousandWhereverTheActionIsWritten() {
        ChaosRules.Draft d = new ChaosRules.Draft(ChaosSpec.Action.KILL, true, null, 1500L, 2000L, false, false, false, null,
                null, null, false, false);
        for (ChaosRules.Origin origin : ChaosRules.Origin.values()) {
            assertThat(ChaosRules.check(d, origin, k -> "--" + k)).extracting(ChaosRules.Problem::message).containsExactly(
                    "--count 1500 must be between 1 and 1000", "--max 2000 must be between 1 and 1000");
        }
    }

    @Test
    void shouldRefuseMoreToHitThanMayMatchButDefaultMaxToCount() {
        ChaosRules.Draft tooMany = new ChaosRules.Draft(ChaosSpec.Action.KILL, true, null, 3L, 2L, false, false, false, null,
                null, null, false, false);
        ChaosRules.Draft countOnly = new ChaosRules.Draft(ChaosSpec.Action.KILL, true, null, 3L, null, false, false, false,
                null, null, null, false, false);

        assertThat(keys(tooMany, ChaosRules.Origin.SCENARIO)).containsExactly("count");
        assertThat(keys(countOnly, ChaosRules.Origin.SCENARIO)).isEmpty();
    }

    @Test
    void shouldNeedTheDurationOfAStopOnlyInAStepWhereNothingComesAfterToRestoreIt() {
        assertThat(keys(stop(null), ChaosRules.Origin.SCENARIO)).isEmpty();
        assertThat(keys(stop(null), ChaosRules.Origin.COMMAND_LINE)).isEmpty();
        assertThat(keys(stop(null), ChaosRules.Origin.STEP)).containsExactly("duration");
    }

    @Test
    void shouldReportEveryKeyThatDoesNotApplyAtOnceInTheFrontEndsSpelling() {
        ChaosRules.Draft d = new ChaosRules.Draft(ChaosSpec.Action.START, true, "KILL", 2L, 2L, true, true, true,
                Duration.ofSeconds(1), null, List.of("x"), true, true);

        List<ChaosRules.Problem> problems = ChaosRules.check(d, ChaosRules.Origin.SCENARIO, k -> "<" + k + ">");

        assertThat(problems).extracting(ChaosRules.Problem::key).containsExactly("target", "scope", "count", "max", "among",
                "pick", "allowOtherUsers", "signal", "restart", "duration", "command", "restore");
        assertThat(problems).allSatisfy(p -> assertThat(p.message()).startsWith("<" + p.key() + ">"));
    }

    @Test
    void shouldLetAPauseNameTheStopSignalItSendsButNoOther() {
        ChaosRules.Draft stop = new ChaosRules.Draft(ChaosSpec.Action.PAUSE, true, "STOP", null, null, false, false, false,
                Duration.ofSeconds(1), null, null, false, false);
        ChaosRules.Draft kill = new ChaosRules.Draft(ChaosSpec.Action.PAUSE, true, "KILL", null, null, false, false, false,
                Duration.ofSeconds(1), null, null, false, false);

        assertThat(keys(stop, ChaosRules.Origin.STEP)).isEmpty();
        assertThat(keys(kill, ChaosRules.Origin.STEP)).containsExactly("signal");
    }

    @Test
    void shouldReadSignalsWithOrWithoutSigInAnyCaseAndNameTheChoicesOtherwise() {
        assertThat(ChaosRules.signal("sigkill")).isEqualTo("KILL");
        assertThat(ChaosRules.signal(" Term ")).isEqualTo("TERM");
        assertThat(org.assertj.core.api.Assertions.catchThrowable(() -> ChaosRules.signal("QUIT")))
                .hasMessage("\"QUIT\" is not one of TERM, KILL, INT, HUP, STOP, CONT");
        assertThat(org.assertj.core.api.Assertions.catchThrowable(() -> ChaosRules.action("kil")))
                .hasMessageContaining("is not one of kill, pause, stop, start");
    }
}
