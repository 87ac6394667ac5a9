package io.stressgate.engine.tasks;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class SmallAccountingPartsTest {

    @Test
    void shouldFindEveryRepeatedIdAmongManyWhileGrowing() {
        Fingerprints set = new Fingerprints(1_000_000);
        int repeats = 0;
        for (int i = 0; i < 200_000; i++) {
            set.add("job-" + i);
        }
        for (int i = 0; i < 200_000; i += 1000) {
            if (!set.add("job-" + i)) {
                repeats++;
            }
        }

        assertThat(repeats).isEqualTo(200);
        assertThat(set.size()).isEqualTo(200_000);
        assertThat(set.full()).isFalse();
    }

    @Test
    void shouldStopGrowingAtItsLimitButStillFindRepeatsOfWhatItHolds() {
        Fingerprints set = new Fingerprints(10);
        for (int i = 0; i < 20; i++) {
            set.add("j" + i);
        }

        assertThat(set.size()).isEqualTo(10);
        assertThat(set.full()).isTrue();
        assertThat(set.add("j3")).isFalse();
    }

    @Test
    void shouldReadStatusAndCompletionCountFromTheReply() {
        byte[] body = "{\"data\":{\"status\":\" Done \"},\"runs\":2}".getBytes(StandardCharsets.UTF_8);

        assertThat(StatusReply.of(200, body, "/data/status", "/runs")).isEqualTo(new StatusReply("done", false, 2));
        assertThat(StatusReply.of(200, body, "/status", null)).isEqualTo(new StatusReply(null, false, 0));
        assertThat(StatusReply.of(404, null, "/status", null).notFound()).isTrue();
        assertThat(StatusReply.of(410, null, "/status", null).notFound()).isTrue();
        assertThat(StatusReply.of(503, body, "/data/status", null)).isSameAs(StatusReply.NOTHING);
        assertThat(StatusReply.of(200, "not json".getBytes(StandardCharsets.UTF_8), "/s", null))
                .isSameAs(StatusReply.NOTHING);
    }

    @Test
    void shouldPutTheJobIdIntoThePollRequestSafely() {
        PollRequests requests = new PollRequests(TestChains.chain("http://127.0.0.1:8080/", null).poll());

        var request = requests.request("a b/../x?y", Duration.ofSeconds(1));

        assertThat(request.uri().getRawPath()).isEqualTo("/jobs/a%20b%2F..%2Fx%3Fy");
        assertThat(request.uri().getRawQuery()).startsWith("trace=").hasSize("trace=".length() + 36);
        assertThat(request.headers().firstValue("X-Job")).hasValue("a b/../x?y");
        assertThat(request.method()).isEqualTo("GET");
        assertThat(request.timeout()).hasValue(Duration.ofSeconds(1));
    }
}
