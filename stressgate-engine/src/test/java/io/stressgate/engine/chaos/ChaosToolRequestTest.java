package io.stressgate.engine.chaos;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import io.stressgate.engine.process.ProcessQuery;
import io.stressgate.engine.process.Signal;
import io.stressgate.engine.scenario.ChaosSpec;
import io.stressgate.engine.scenario.TargetChoice;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The engine's own chaos request is held to the rules of the front-ends, whoever builds it. */
class ChaosToolRequestTest {
    private static ChaosTool.Request request(ChaosSpec.Action action, ProcessQuery query, int count, int max, Duration pauseFor,
                                             List<String> command, List<String> restore) {
        return new ChaosTool.Request(action, query, Signal.KILL, ChaosSpec.Scope.PROCESS, count, max, TargetChoice.DEFAULT,
                pauseFor, command, restore, ChaosSpec.Recovery.NONE, false, false, Path.of("state"), Path.of("."), Map.of());
    }

    private static ProcessQuery pid(long pid) {
        return new ProcessQuery(Set.of(pid), null, null, null, null);
    }

    @Test
    void shouldTakeARequestTheCommandLineWouldTake() {
        ChaosTool.Request kill = request(ChaosSpec.Action.KILL, pid(4242), 2, 4, null, List.of(), List.of());

        assertThat(kill.max()).isEqualTo(4);
    }

    @Test
    void shouldRefuseWhatNoFrontEndWouldPassNamingEveryRuleAtOnce() {
        Throwable thrown = catchThrowable(() -> request(ChaosSpec.Action.PAUSE, pid(4242), 1500, 2000, Duration.ofHours(2),
                List.of(), List.of("redis-server")));

        assertThat(thrown).isInstanceOf(IllegalArgumentException.class).hasMessage("chaos request: "
                + "count 1500 must be between 1 and 1000; max 2000 must be between 1 and 1000; "
                + "signal does not apply to pause: a pause sends STOP, then CONT after its duration; duration 2h must be more than 0 and at most 1h; restore does not apply to pause: only a stop is restored");
    }

    @Test
    void shouldRefuseAKillWithoutProcessesAndAStopWithOne() {
        assertThat(catchThrowable(() -> request(ChaosSpec.Action.KILL, null, 1, 1, null, List.of(), List.of())))
                .hasMessageContaining("target is required: the processes to kill");
        assertThat(catchThrowable(() -> request(ChaosSpec.Action.STOP, pid(4242), 1, 1, null, List.of("redis-cli"),
                List.of("redis-server")))).hasMessageContaining("target does not apply to stop");
    }
}
