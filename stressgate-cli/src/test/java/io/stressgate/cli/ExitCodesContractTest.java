package io.stressgate.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.stressgate.engine.result.Verdict;
import io.stressgate.engine.step.CliExit;
import org.junit.jupiter.api.Test;

/** The Jenkins steps read the CLI's exit codes through the engine's mirror of them; the two must not drift apart. */
class ExitCodesContractTest {
    @Test
    void shouldMatchTheExitCodesTheStepsExpect() {
        assertThat(new int[] {ExitCodes.PASSED, ExitCodes.FAILED, ExitCodes.USAGE, ExitCodes.UNSTABLE, ExitCodes.REFUSED, ExitCodes.PENDING})
                .containsExactly(CliExit.PASSED, CliExit.FAILED, CliExit.USAGE, CliExit.UNSTABLE, CliExit.REFUSED, CliExit.PENDING);
        for (Verdict verdict : Verdict.values()) {
            assertThat(ExitCodes.of(verdict)).as(verdict.name()).isEqualTo(CliExit.of(verdict));
        }
    }
}
