package io.stressgate.engine.load;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsParameters;
import com.sun.net.httpserver.HttpsServer;
import io.stressgate.engine.result.RunResults;
import io.stressgate.engine.result.Verdict;
import io.stressgate.engine.testing.TestPki;
import io.stressgate.engine.testing.TestTarget;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code http: 2} against https origins that speak only HTTP/1.1, on loopback with a certificate of a CA made for the
 * test: the JDK's HttpsServer, which picks http/1.1 in ALPN, and Uvicorn (Debian's python3-uvicorn) with its TLS
 * options, which answers no ALPN at all. The run counts every request as {@code h2_refused} and says so in one log
 * line from two event loops, or, with {@code http2Fallback: true}, sends every request as HTTP/1.1 and says so once,
 * which the server's own count confirms.
 */
class Http2AlpnRefusalIT {
    private static final String REFUSAL = "does not speak HTTP/2 over TLS: in ALPN it chose ";
    private static final int COUNT = Http2CleartextRefusalIT.COUNT;
    private static Path dir;
    private static HttpsServer jdk;
    private static final AtomicInteger jdkGets = new AtomicInteger();
    private static LoopbackUvicorn uvicorn;
    private static SSLContext trustingTheCa;

    @BeforeAll
    static void startServers(@TempDir Path tmp) throws Exception {
        dir = tmp;
        TestPki.Issued cert = TestPki.create(dir, "ALPN Test CA").issue("server", "RSA", "dns:localhost,ip:127.0.0.1");
        trustingTheCa = cert.serverContextTrustingItsCa();
        jdk = HttpsServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 64);
        jdk.setHttpsConfigurator(new HttpsConfigurator(cert.serverContext()) {
            @Override
            public void configure(HttpsParameters params) {
                SSLParameters ssl = getSSLContext().getDefaultSSLParameters();
                ssl.setApplicationProtocols(new String[] {"http/1.1"}); // what a server without HTTP/2 answers to h2
                params.setSSLParameters(ssl);
            }
        });
        jdk.createContext("/", exchange -> {
            try (exchange) {
                if (exchange.getRequestMethod().equals("GET")) {
                    jdkGets.incrementAndGet();
                }
                TestTarget.reply(exchange, 200, "hello");
            }
        });
        jdk.start();
        uvicorn = LoopbackUvicorn.tls(dir.resolve("uvicorn.out"), cert.chainPem, cert.keyPem);
    }

    @AfterAll
    static void stopServers() throws Exception {
        if (jdk != null) {
            jdk.stop(0);
        }
        if (uvicorn != null) {
            uvicorn.close();
        }
    }

    @BeforeEach
    void resetCount() {
        jdkGets.set(0);
    }

    @Test
    void shouldCountEveryRequestAsH2RefusedAndSayWhyOnceWhenAlpnChoosesHttp11() throws Exception {
        String target = "https://127.0.0.1:" + jdk.getAddress().getPort();

        // four streams a connection: ten connections per loop, each refused in its own handshake
        LoggedRun run = Http2CleartextRefusalIT.run(target, "tlsVerify: false, http: 2, maxStreams: 4", 2);

        RunResults r = run.results();
        assertThat(r.all().requests()).as(r.statusReason()).isEqualTo(COUNT);
        assertThat(r.all().errorKinds()).containsOnly(Map.entry("h2_refused", (long) COUNT));
        assertThat(r.verdict()).as("the error-rate gate breaks").isEqualTo(Verdict.FAILED);
        assertThat(jdkGets).as("no request reached the server's handler").hasValue(0);
        assertThat(run.lines(REFUSAL)).as("one line for the origin, from two event loops").singleElement()
                .satisfies(l -> assertThat(l).contains("WARN", target, "it chose http/1.1 instead of h2",
                        "h2_refused", "http: 1.1", "http2Fallback: true to send them as HTTP/1.1"));
    }

    @Test
    void shouldSendEveryRequestAsHttp11AndSayItOnceWhenTheScenarioAllowsTheFallback() throws Exception {
        String target = "https://127.0.0.1:" + jdk.getAddress().getPort();
        String http = "tlsVerify: false, http: 2, maxStreams: 4, http2Fallback: true";

        LoggedRun run = Http2CleartextRefusalIT.run(target, http, 2);

        RunResults r = run.results();
        assertThat(r.all().requests()).as(r.statusReason()).isEqualTo(COUNT);
        assertThat(r.all().errors()).isZero();
        assertThat(r.verdict()).isEqualTo(Verdict.PASSED);
        assertThat(jdkGets).as("the server answered each request once, as HTTP/1.1").hasValue(COUNT);
        assertThat(run.lines(REFUSAL)).as("one line for the origin, from two event loops").singleElement()
                .satisfies(l -> assertThat(l).contains("INFO", target, "it chose http/1.1 instead of h2",
                        "its requests go as HTTP/1.1 (http2Fallback: true)"));
    }

    @Test
    void shouldTellThatUvicornOverTlsChoseNoProtocolAndFallBackToHttp11WithIt() throws Exception {
        String target = "https://127.0.0.1:" + uvicorn.port;

        LoggedRun refused = Http2CleartextRefusalIT.run(target, "tlsVerify: false, http: 2", 2);
        int before = uvicornCount();
        LoggedRun fallback = Http2CleartextRefusalIT.run(target, "tlsVerify: false, http: 2, http2Fallback: true", 2);

        assertThat(refused.results().all().errorKinds()).as(refused.results().statusReason())
                .containsOnly(Map.entry("h2_refused", (long) COUNT));
        assertThat(refused.results().verdict()).isEqualTo(Verdict.FAILED);
        assertThat(refused.lines(REFUSAL)).singleElement()
                .satisfies(l -> assertThat(l).contains("WARN", target, "it chose no protocol instead of h2"));
        assertThat(before).as("uvicorn's app saw no GET from the refused run").isZero();
        assertThat(fallback.results().all().errors()).as(fallback.results().statusReason()).isZero();
        assertThat(fallback.results().verdict()).isEqualTo(Verdict.PASSED);
        assertThat(fallback.lines(REFUSAL)).singleElement().satisfies(l -> assertThat(l).contains("INFO", target));
        assertThat(uvicornCount() - before).as("uvicorn's own count").isEqualTo(COUNT);
    }

    private static int uvicornCount() throws Exception {
        HttpClient client = HttpClient.newBuilder().sslContext(trustingTheCa).connectTimeout(Duration.ofSeconds(5))
                .build();
        HttpRequest get = HttpRequest.newBuilder(URI.create("https://127.0.0.1:" + uvicorn.port + "/count"))
                .version(HttpClient.Version.HTTP_1_1).timeout(Duration.ofSeconds(5)).build();
        return Integer.parseInt(client.send(get, HttpResponse.BodyHandlers.ofString()).body().trim());
    }
}
