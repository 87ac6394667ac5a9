package io.stressgate.engine.step;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class AssertNoOrphansArgsTest {
    private static final AssertNoOrphansArgs.Input DEFAULTS = new AssertNoOrphansArgs.Input(null, null, null, null);

    @Test
    void shouldReapAfterTwoSecondsByDefault() throws Exception {
        AssertNoOrphansArgs args = AssertNoOrphansArgs.of(DEFAULTS);

        assertThat(args.cookie()).isNull();
        assertThat(args.pattern()).isNull();
        assertThat(args.reap()).isTrue();
        assertThat(args.grace()).isEqualTo(Duration.ofSeconds(2));
    }

    @Test
    void shouldDefaultToTheLastStressTestsRunCookie() throws Exception {
        AssertNoOrphansArgs.Query query = AssertNoOrphansArgs.of(DEFAULTS).resolve(Runs.COOKIE, "node-cookie-1");

        assertThat(query.cookies()).containsExactly(Runs.COOKIE);
    }

    @Test
    void shouldFallBackToTheNodeCookieWhenNoStressTestRan() throws Exception {
        assertThat(AssertNoOrphansArgs.of(DEFAULTS).resolve(null, "node-cookie-1").cookies()).containsExactly("node-cookie-1");
    }

    @Test
    void shouldPreferTheCookieGivenOverTheDefaults() throws Exception {
        AssertNoOrphansArgs args = AssertNoOrphansArgs.of(new AssertNoOrphansArgs.Input("mine", "celery", false, "0s"));

        AssertNoOrphansArgs.Query query = args.resolve(Runs.COOKIE, "node");

        assertThat(query.cookies()).containsExactly("mine");
        assertThat(query.pattern()).isEqualTo("celery");
        assertThat(query.reap()).isFalse();
        assertThat(query.grace()).isZero();
    }

    @Test
    void shouldSearchByPatternAloneWhenThereIsNoCookie() throws Exception {
        AssertNoOrphansArgs.Query query = AssertNoOrphansArgs.of(new AssertNoOrphansArgs.Input(null, "worker", null, null))
                .resolve(null, null);

        assertThat(query.cookies()).isEmpty();
        assertThat(query.pattern()).isEqualTo("worker");
    }

    @Test
    void shouldRefuseToRunWithNothingToLookFor() throws Exception {
        AssertNoOrphansArgs args = AssertNoOrphansArgs.of(DEFAULTS);

        assertThatThrownBy(() -> args.resolve(null, null)).isInstanceOf(StepArgumentException.class)
                .hasMessageContaining("cookie: no cookie to look for");
    }

    @Test
    void shouldRefuseAForgedNodeCookie() throws Exception {
        AssertNoOrphansArgs args = AssertNoOrphansArgs.of(DEFAULTS);

        assertThatThrownBy(() -> args.resolve(null, "x; kill -9 -1")).isInstanceOf(StepArgumentException.class)
                .hasMessageContaining("JENKINS_NODE_COOKIE");
    }

    @Test
    void shouldReportEveryProblemAtOnceWithItsParameterName() {
        assertThatThrownBy(() -> AssertNoOrphansArgs.of(new AssertNoOrphansArgs.Input("a b", "(", null, "1h")))
                .isInstanceOfSatisfying(StepArgumentException.class, e -> assertThat(e.problems())
                        .extracting(ArgumentProblem::parameter).containsExactly("cookie", "pattern", "grace"));
    }
}
