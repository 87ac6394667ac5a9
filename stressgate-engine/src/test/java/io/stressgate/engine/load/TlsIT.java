package io.stressgate.engine.load;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import io.stressgate.engine.result.RunResults;
import io.stressgate.engine.run.RunSettings;
import io.stressgate.engine.run.StressRunner;
import io.stressgate.engine.scenario.ScenarioLimits;
import io.stressgate.engine.scenario.ScenarioLoader;
import io.stressgate.engine.scenario.Variables;
import io.stressgate.engine.testing.TestTarget;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.time.Clock;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** https targets: a real TLS server on loopback with a self-signed certificate made by keytool for the test. */
class TlsIT {
    private static HttpsServer server;
    private static SSLContext context;

    @BeforeAll
    static void startServer(@TempDir Path dir) throws Exception {
        System.setProperty("sun.net.httpserver.nodelay", "true"); // before the JDK server reads its configuration
        Path store = dir.resolve("server.p12");
        Process keytool = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "keytool").toString(),
                "-genkeypair", "-alias", "test", "-keyalg", "RSA", "-keysize", "2048", "-dname", "CN=localhost",
                "-ext", "SAN=ip:127.0.0.1,dns:localhost", "-validity", "2", "-storetype", "PKCS12", "-keystore", store.toString(),
                "-storepass", "secret", "-keypass", "secret").redirectErrorStream(true).start();
        assertThat(keytool.waitFor(60, TimeUnit.SECONDS)).as("keytool finished").isTrue();
        assertThat(keytool.exitValue()).isZero();
        KeyStore ks = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(store)) {
            ks.load(in, "secret".toCharArray());
        }
        KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        kmf.init(ks, "secret".toCharArray());
        context = SSLContext.getInstance("TLS");
        context.init(kmf.getKeyManagers(), null, null);
        server = HttpsServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 512);
        server.setHttpsConfigurator(new HttpsConfigurator(context));
        server.setExecutor(Executors.newFixedThreadPool(8));
        server.createContext("/", exchange -> {
            try (exchange) {
                TestTarget.reply(exchange, 200, "x".repeat(40_000));
            }
        });
        server.start();
    }

    @AfterAll
    static void stopServer() {
        server.stop(0);
        ((java.util.concurrent.ExecutorService) server.getExecutor()).shutdownNow();
    }

    private static RunResults run(boolean verify) throws Exception {
        String yaml = """
                name: tls
                target: https://127.0.0.1:%d
                options: {tlsVerify: %s, warmup: false}
                load: [{name: root, executor: constant-vus, vus: 4, duration: 3s, request: {path: /}}]
                """.formatted(server.getAddress().getPort(), verify);
        var scenario = new ScenarioLoader(Variables.of(Map.of()), ScenarioLimits.DEFAULTS).parse("tls.yml", yaml, Path.of("."));
        return new StressRunner(Clock.systemUTC(), new RunSettings("c", Path.of("target"), 2)).start(scenario, LoadListener.NONE).await();
    }

    @Test
    void shouldTalkHttpsWithKeepAliveAndBodiesLargerThanOneTlsRecord() throws Exception {
        RunResults r = run(false);

        assertThat(r.all().requests()).isGreaterThan(20);
        assertThat(r.all().errors()).isZero();
        assertThat(r.all().status()).containsOnlyKeys("200");
        assertThat(r.all().bytesReceived()).isGreaterThan(40_000L * r.all().requests());
    }

    @Test
    void shouldRefuseACertificateItCannotVerifyUnlessToldNotTo() throws Exception {
        RunResults r = run(true);

        assertThat(r.all().requests()).isPositive();
        assertThat(r.all().errors()).isEqualTo(r.all().requests());
        assertThat(r.all().errorKinds()).containsOnlyKeys("tls");
        assertThat(r.generator().tlsFailure()).startsWith("https://127.0.0.1:" + server.getAddress().getPort() + ": PKIX path");
    }

    @Test
    void shouldStreamAGeneratedBodyThroughTls() throws Exception {
        try (UploadSink sink = UploadSink.tls(context)) {
            String yaml = """
                    name: tls-upload
                    target: %s
                    options: {tlsVerify: false, warmup: false}
                    load: [{name: up, executor: burst, count: 2, request: {method: POST, path: /up, bodySize: 12MiB, timeout: 2m}}]
                    """.formatted(sink.url("https"));
            var scenario = new ScenarioLoader(Variables.of(Map.of()), ScenarioLimits.DEFAULTS).parse("tls-upload.yml", yaml, Path.of("."));
            RunResults r = new StressRunner(Clock.systemUTC(), new RunSettings("c", Path.of("target"), 2)).start(scenario, LoadListener.NONE).await();

            assertThat(r.all().requests()).as(r.statusReason()).isEqualTo(2);
            assertThat(r.all().errors()).isZero();
            String expected = LargeBodiesIT.splitMix64Sha256(12L << 20);
            assertThat(sink.uploads()).hasSize(2).allSatisfy(u -> {
                assertThat(u.complete()).isTrue();
                assertThat(u.sha256()).isEqualTo(expected);
            });
        }
    }
}
