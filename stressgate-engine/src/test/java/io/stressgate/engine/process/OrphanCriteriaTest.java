package io.stressgate.engine.process;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class OrphanCriteriaTest {
    private final OrphanCriteria run = new OrphanCriteria(Set.of("run-1"), Set.of("build-7"), null, Set.of(), true);

    @Test
    void shouldCallAProcessOursWhenEitherCookieMatches() {
        assertThat(run.ours(Map.of("STRESSGATE_RUN", "run-1"))).isTrue();
        assertThat(new OrphanCriteria(Set.of("build-7"), Set.of(), null, Set.of(), false).ours(Map.of("JENKINS_NODE_COOKIE", "build-7")))
                .isTrue();
        assertThat(run.ours(Map.of())).isFalse();
    }

    @Test
    void shouldCallAProcessForeignWhenItCarriesAnotherRunsOrBuildsCookie() {
        assertThat(run.foreign(Map.of("STRESSGATE_RUN", "run-2"))).isTrue();
        assertThat(run.foreign(Map.of("STRESSGATE_RUN", "run-2", "JENKINS_NODE_COOKIE", "build-7")))
                .as("another run inside the same build").isTrue();
        assertThat(run.foreign(Map.of("JENKINS_NODE_COOKIE", "build-8"))).as("another build").isTrue();
    }

    @Test
    void shouldNotCallOurOwnOrTheSurroundingBuildsProcessesForeign() {
        assertThat(run.foreign(Map.of())).isFalse();
        assertThat(run.foreign(Map.of("JENKINS_NODE_COOKIE", "build-7"))).isFalse();
        assertThat(run.foreign(Map.of("STRESSGATE_RUN", "run-1", "JENKINS_NODE_COOKIE", "build-8"))).isFalse();
    }

    @Test
    void shouldTakeTheBuildTheToolRunsInFromItsEnvironment() {
        assertThat(OrphanCriteria.inherited(Map.of("JENKINS_NODE_COOKIE", "build-7", "STRESSGATE_RUN", "", "HOME", "/root")))
                .containsExactly("build-7");
    }
}
