package io.stressgate.server.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class JobScopeTest {
    @Test
    void shouldMatchWholeNamesWithStarForAnyRunOfCharacters() {
        JobScope scope = JobScope.parse("shop-*,team/*/perf, exact");

        assertThat(scope.allows("shop-checkout")).isTrue();
        assertThat(scope.allows("shop-")).isTrue();
        assertThat(scope.allows("team/payments/perf")).isTrue();
        assertThat(scope.allows("exact")).isTrue();
        assertThat(scope.allows("exactly")).as("whole names only").isFalse();
        assertThat(scope.allows("my-shop-checkout")).isFalse();
        assertThat(scope.allows("team/payments/perf/extra")).isFalse();
    }

    @Test
    void shouldTakeEveryOtherCharacterLiterally() {
        JobScope scope = JobScope.parse("a.b(c)+[d]");

        assertThat(scope.allows("a.b(c)+[d]")).isTrue();
        assertThat(scope.allows("aXb(c)+[d]")).isFalse();
        assertThat(scope.allows("a.bcc+d")).isFalse();
    }

    @Test
    void shouldTreatNothingAsEveryJobAndRefuseAPatternThatMeansEveryJobByAccident() {
        assertThat(JobScope.parse(null)).isEqualTo(JobScope.ALL);
        assertThat(JobScope.parse("  ")).isEqualTo(JobScope.ALL);
        assertThat(JobScope.ALL.allows("anything")).isTrue();
        assertThat(JobScope.ALL.text()).isNull();
        assertThatThrownBy(() -> JobScope.parse("*")).hasMessageContaining("not only *");
        assertThatThrownBy(() -> JobScope.parse("shop,,billing")).hasMessageContaining("job pattern \"\"");
        assertThatThrownBy(() -> JobScope.parse("a\nb")).hasMessageContaining("control characters");
        assertThatThrownBy(() -> JobScope.parse("x".repeat(129))).hasMessageContaining("1 to 128");
    }
}
