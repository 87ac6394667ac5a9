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
