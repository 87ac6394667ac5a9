package io.stressgate.engine.load;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class Http2WireTest {
    @Test
    void shouldReadBackEveryHeaderBlockItWrote() {
        assertThat(Http2Pool.exercise(500, 60_000_000_000L)).isEqualTo(500);
    }

    @Test
    void shouldStopExercisingWhenItsTimeIsUp() {
        assertThat(Http2Pool.exercise(Integer.MAX_VALUE, 50_000_000L)).isPositive().isLessThan(Integer.MAX_VALUE);
    }
}
