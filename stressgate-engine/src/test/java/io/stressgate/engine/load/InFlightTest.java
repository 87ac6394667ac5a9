package io.stressgate.engine.load;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import org.junit.jupiter.api.Test;

class InFlightTest {
    private final Origin origin = new Origin(0, URI.create("http://127.0.0.1:1"));
    private final Iteration it = new Iteration(null, 0);
    private final Connection first = new Connection(null, origin);
    private final Connection second = new Connection(null, origin);
    private final InFlight inFlight = new InFlight();

    @Test
    void shouldCountAnExchangeFromItsSendToItsSettling() {
        inFlight.sent(it, first);
        assertThat(inFlight.count()).isEqualTo(1);

        assertThat(inFlight.settle(it, first)).isTrue();
        assertThat(inFlight.count()).isZero();
    }

    @Test
    void shouldChangeNothingWhenAnExchangeIsSettledTwice() {
        inFlight.sent(it, first);
        inFlight.settle(it, first);

        assertThat(inFlight.settle(it, first)).as("the second settling").isFalse();
        assertThat(inFlight.count()).isZero();
    }

    @Test
    void shouldIgnoreALateReportOfAConnectionTheIterationNoLongerUses() {
        inFlight.sent(it, first);
        inFlight.settle(it, first);
        inFlight.sent(it, second); // the iteration went on (a retry, a hop, or it was reused by the next arrival)

        assertThat(inFlight.settle(it, first)).as("the failure of the first connection, reported late").isFalse();
        assertThat(inFlight.count()).isEqualTo(1);
        assertThat(inFlight.settle(it, second)).isTrue();
        assertThat(inFlight.count()).isZero();
    }

    @Test
    void shouldKeepTheCountWhenAnExchangeMovesToAnotherConnection() {
        inFlight.sent(it, first);
        inFlight.moved(it, first, second);

        assertThat(inFlight.count()).isEqualTo(1);
        assertThat(inFlight.settle(it, first)).as("the connection it left").isFalse();
        assertThat(inFlight.settle(it, second)).isTrue();
        assertThat(inFlight.count()).isZero();
    }

    @Test
    void shouldRefuseASecondSendWhileTheIterationHasOneInFlight() {
        Iteration other = new Iteration(null, 0);
        inFlight.sent(other, first);
        inFlight.settle(other, first);
        inFlight.sent(it, first);

        assertThatThrownBy(() -> inFlight.sent(it, second)).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("while one is in flight");
        assertThat(inFlight.count()).isEqualTo(1);
    }

    @Test
    void shouldIgnoreASettlingWithoutAnIteration() {
        assertThat(inFlight.settle(null, first)).isFalse();
        assertThat(inFlight.count()).isZero();
    }
}
