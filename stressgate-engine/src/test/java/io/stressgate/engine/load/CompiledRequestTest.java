package io.stressgate.engine.load;

import static org.assertj.core.api.Assertions.assertThat;

import io.stressgate.engine.scenario.Body;
import io.stressgate.engine.scenario.RequestSpec;
import io.stressgate.engine.scenario.StatusSet;
import io.stressgate.engine.scenario.Template;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class CompiledRequestTest {
    private static final URI TARGET = URI.create("http://127.0.0.1:8080");

    @Test
    void shouldEncodeOneRequestFromTwoLoopsAtOnceWithoutMixingTheirValues() throws Exception {
        RequestSpec spec = new RequestSpec("status", "GET", TARGET, Template.parse("/jobs/{{id}}"), List.of(), Body.NONE,
                Duration.ofSeconds(1), Duration.ofSeconds(1), StatusSet.DEFAULT, 1024, Map.of(), null);
        CompiledRequest request = new CompiledRequest(spec, 0, new Origin(0, TARGET), List.of("id"), false);
        ExecutorService loops = Executors.newFixedThreadPool(2);
        try {
            List<Future<Integer>> garbled = new ArrayList<>();
            for (int loop = 0; loop < 2; loop++) {
                String id = loop + "-" + "x".repeat(40 + loop * 7);
                garbled.add(loops.submit(() -> encodeRepeatedly(request, id, 20_000)));
            }
            for (Future<Integer> f : garbled) {
                assertThat(f.get(60, TimeUnit.SECONDS)).as("requests encoded with another loop's bytes").isZero();
            }
        } finally {
            loops.shutdownNow();
        }
    }

    @Test
    void shouldAskForTheOriginsCodingsUnlessTheRequestSetsItsOwnAndNameTheWholeUrlOnlyThroughAProxy() {
        RequestSpec plain = new RequestSpec("plain", "GET", TARGET, Template.parse("/a?b=1"), List.of(), Body.NONE,
                Duration.ofSeconds(1), Duration.ofSeconds(1), StatusSet.DEFAULT, 1024, Map.of(), null);
        RequestSpec own = new RequestSpec("own", "GET", TARGET, Template.parse("/a"),
                List.of(new RequestSpec.Header("accept-encoding", Template.parse("identity"))), Body.NONE,
                Duration.ofSeconds(1), Duration.ofSeconds(1), StatusSet.DEFAULT, 1024, Map.of(), null);
        Origin compressing = new Origin(0, TARGET, "gzip, deflate", null);
        Origin proxied = new Origin(0, TARGET, null, URI.create("http://127.0.0.1:3128"));

        assertThat(encoded(plain, compressing)).startsWith("GET /a?b=1 HTTP/1.1\r\n").contains("\r\nAccept-Encoding: gzip, deflate\r\n");
        assertThat(encoded(own, compressing)).contains("\r\naccept-encoding: identity\r\n").doesNotContain("gzip");
        assertThat(encoded(plain, proxied)).startsWith("GET http://127.0.0.1:8080/a?b=1 HTTP/1.1\r\nHost: 127.0.0.1:8080\r\n")
                .doesNotContain("Accept-Encoding");
    }

    private static String encoded(RequestSpec spec, Origin origin) {
        ByteBuffer out = new CompiledRequest(spec, 0, origin, List.of(), false).write(ByteBuffer.allocateDirect(512), null);
        byte[] written = new byte[out.remaining()];
        out.get(written);
        return new String(written, StandardCharsets.US_ASCII);
    }

    private static int encodeRepeatedly(CompiledRequest request, String id, int times) {
        Iteration it = new Iteration(null, 1);
        it.vars[0] = id;
        String expected = "GET /jobs/" + id + " HTTP/1.1\r\nHost: 127.0.0.1:8080\r\n";
        ByteBuffer out = ByteBuffer.allocateDirect(512);
        int wrong = 0;
        for (int i = 0; i < times; i++) {
            out = request.write(out, it);
            byte[] written = new byte[out.remaining()];
            out.duplicate().get(written);
            if (!new String(written, StandardCharsets.US_ASCII).startsWith(expected)) {
                wrong++;
            }
        }
        return wrong;
    }
}
