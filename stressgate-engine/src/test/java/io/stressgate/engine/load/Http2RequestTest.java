package io.stressgate.engine.load;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.handler.codec.http2.Http2Headers;
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
import org.junit.jupiter.api.Test;

class Http2RequestTest {
    private static Http2Request parse(String wire) {
        return Http2Request.parse(wire.getBytes(StandardCharsets.ISO_8859_1), "https", "api.test:8443");
    }

    private static List<String> fields(Http2Headers headers) {
        List<String> out = new ArrayList<>();
        for (Map.Entry<CharSequence, CharSequence> h : headers) {
            out.add(h.getKey() + "=" + h.getValue());
        }
        return out;
    }

    @Test
    void shouldTurnTheRequestLineAndHostIntoPseudoHeadersAndLowerCaseTheRest() {
        Http2Request r = parse("GET /a/b?c=1 HTTP/1.1\r\nHost: api.test:8443\r\nUser-Agent: stressgate/1\r\nX-Request-ID: 7\r\n\r\n");

        assertThat(fields(r.headers())).containsExactly(":method=GET", ":path=/a/b?c=1", ":scheme=https",
                ":authority=api.test:8443", "user-agent=stressgate/1", "x-request-id=7");
        assertThat(r.body()).isNull();
    }

    @Test
    void shouldDropConnectionSpecificFieldsAndKeepTheBody() {
        Http2Request r = parse("POST /jobs HTTP/1.1\r\nHost: h\r\nConnection: keep-alive\r\nTransfer-Encoding: x\r\n"
                + "Content-Type: application/json\r\nContent-Length: 9\r\n\r\n{\"a\": 1}\n");

        assertThat(fields(r.headers())).containsExactly(":method=POST", ":path=/jobs", ":scheme=https",
                ":authority=api.test:8443", "content-type=application/json", "content-length=9");
        assertThat(new String(r.body(), StandardCharsets.UTF_8)).isEqualTo("{\"a\": 1}\n");
    }

    @Test
    void shouldKeepHeaderValueBytesAsTheyWereWritten() {
        Http2Request r = parse("GET / HTTP/1.1\r\nX-Name: caf\u00e9 au lait\r\n\r\n");

        assertThat(r.headers().get("x-name").toString()).isEqualTo("caf\u00e9 au lait");
    }

    @Test
    void shouldSendAPathAndTheOriginsAcceptEncodingForAnH2cOriginReachedThroughAProxysTunnel() {
        URI target = URI.create("http://127.0.0.1:8080");
        RequestSpec spec = new RequestSpec("a", "GET", target, Template.parse("/a?b=1"), List.of(), Body.NONE,
                Duration.ofSeconds(1), Duration.ofSeconds(1), StatusSet.DEFAULT, 1024, Map.of(), null);
        Origin proxied = new Origin(0, target, "gzip, deflate", URI.create("http://127.0.0.1:3128"));
        CompiledRequest request = new CompiledRequest(spec, 0, proxied, List.of(), false);

        Http2Request r = Http2Request.of(request, null, new ByteBuffer[] {ByteBuffer.allocate(64)});

        assertThat(fields(r.headers())).containsExactly(":method=GET", ":path=/a?b=1", ":scheme=http",
                ":authority=127.0.0.1:8080", "user-agent=stressgate/1", "accept=*/*", "accept-encoding=gzip, deflate");
    }
}
