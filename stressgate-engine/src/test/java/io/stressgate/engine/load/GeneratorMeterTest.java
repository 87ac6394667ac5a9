package io.stressgate.engine.load;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class GeneratorMeterTest {
    @Test
    void shouldNotCallTheGeneratorSaturatedWhenItStartedLateWhileItsLoopsWereIdle() {
        // the storm example on a 2-core agent shared with its API and workers: loops 3% busy, p99 start lag 454 ms
        GeneratorMeter.Verdict verdict = GeneratorMeter.judge(0.027, 0.06, 453.6, 30, 0);

        assertThat(verdict.saturated()).isFalse();
        assertThat(verdict.reason()).contains("p99 lag 453.6 ms", "other processes held this machine's CPU");
    }

    @Test
    void shouldCallTheGeneratorSaturatedWhenItStartedLateWhileALoopWasBusy() {
        GeneratorMeter.Verdict verdict = GeneratorMeter.judge(0.30, 0.80, 120, 30, 2);

        assertThat(verdict.saturated()).isTrue();
        assertThat(verdict.reason()).contains("p99 lag 120.0 ms", "80% busy", "could not keep up");
    }

    @Test
    void shouldCallTheGeneratorSaturatedWhenALoopWasBusyInAQuarterOfTheIntervals() {
        GeneratorMeter.Verdict verdict = GeneratorMeter.judge(0.40, 0.95, 0, 20, 5);

        assertThat(verdict.saturated()).isTrue();
        assertThat(verdict.reason()).contains("5 of 20 intervals");
    }

    @Test
    void shouldSayNothingAboutAGeneratorThatKeptUp() {
        assertThat(GeneratorMeter.judge(0.20, 0.50, 3, 20, 0)).isEqualTo(new GeneratorMeter.Verdict(false, null));
    }
}
