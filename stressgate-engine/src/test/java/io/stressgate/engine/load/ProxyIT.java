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
import io.stressgate.engine.testsupport.Children;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Requests through an HTTP proxy of the test's own on loopback that counts what it is asked: https targets through
 * CONNECT tunnels with TLS inside, http targets as absolute-form requests, the hosts in noProxy straight to the
 * target, and a refused tunnel or an unreachable proxy counted as the error kind proxy.
 */
class ProxyIT {
    private static final int ITERATIONS = 10;
    private static HttpsServer https;
    private static ExecutorService httpsThreads;
    private static final AtomicInteger HTTPS_SERVED = new AtomicInteger();

    @TempDir
    Path out;

    @BeforeAll
    static void startHttps(@TempDir Path dir) throws Exception {
        System.setProperty("sun.net.httpserver.nodelay", "true");
        Path store = dir.resolve("server.p12");
        Process keytool = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "keytool").toString(),
                "-genkeypair", "-alias", "test", "-keyalg", "EC", "-dname", "CN=localhost", "-ext", "SAN=ip:127.0.0.1",
                "-validity", "2", "-storetype", "PKCS12", "-keystore", store.toString(), "-storepass", "secret",
                "-keypass", "secret").redirectErrorStream(true).start();
        boolean done = keytool.waitFor(60, TimeUnit.SECONDS);
        if (!done) {
            keytool.destroyForcibly();
        }
        assertThat(done && keytool.exitValue() == 0).as("keytool made the certificate").isTrue();
        KeyStore ks = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(store)) {
            ks.load(in, "secret".toCharArray());
        }
        KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        kmf.init(ks, "secret".toCharArray());
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(kmf.getKeyManagers(), null, null);
        https = HttpsServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 128);
        https.setHttpsConfigurator(new HttpsConfigurator(context));
        httpsThreads = Executors.newFixedThreadPool(4);
        https.setExecutor(httpsThreads);
        https.createContext("/", exchange -> {
            HTTPS_SERVED.incrementAndGet();
            try (exchange) {
                TestTarget.reply(exchange, 200, "secure");
            }
        });
        https.start();
    }

    @AfterAll
    static void stopHttps() {
        https.stop(0);
        httpsThreads.shutdownNow();
    }

    private static String httpsUrl() {
        return "https://127.0.0.1:" + https.getAddress().getPort();
    }

    private RunResults run(String proxy, String target, String yamlLoad) throws Exception {
        var scenario = new ScenarioLoader(Variables.of(Map.of("PROXY", proxy, "TARGET", target, "HTTPS", httpsUrl())),
                ScenarioLimits.DEFAULTS).parse("proxy.yml", """
                name: proxy
                target: ${TARGET}
                options: {proxy: "${PROXY}", noProxy: [localhost], tlsVerify: false, warmup: false}
                load:
                """ + yamlLoad, Path.of("."));
        return new StressRunner(Clock.systemUTC(), new RunSettings("proxy", out, 1)).start(scenario, LoadListener.NONE).await();
    }

    @Test
    void shouldTunnelHttpsSendHttpInAbsoluteFormAndGoStraightToTheHostsInNoProxy() throws Exception {
        RunResults r;
        int servedBefore = HTTPS_SERVED.get();
        try (TestTarget target = TestTarget.fast(); CountingProxy proxy = new CountingProxy()) {
            int port = Integer.parseInt(target.url().substring(target.url().lastIndexOf(':') + 1));
            r = run(proxy.url(), target.url(), """
                      - name: mixed
                        executor: burst
                        count: %d
                        requests:
                          - {name: plain, path: /plain}
                          - {name: secure, url: "${HTTPS}/secure"}
                          - {name: direct, url: "http://localhost:%d/direct"}
                    """.formatted(ITERATIONS, port));

            assertThat(proxy.absoluteRequests.get()).as("each plain request, in absolute form").isEqualTo(ITERATIONS);
            assertThat(proxy.tunnels.get()).as("a tunnel per https connection").isBetween(1, ITERATIONS);
            assertThat(proxy.authorities).as("localhost is in noProxy")
                    .containsExactlyInAnyOrder("127.0.0.1:" + port, "127.0.0.1:" + https.getAddress().getPort());
            assertThat(target.served()).as("plain through the proxy and direct").isEqualTo(2L * ITERATIONS);
        }
        assertThat(HTTPS_SERVED.get() - servedBefore).isEqualTo(ITERATIONS);
        assertThat(r.all().errors()).as("errors: %s", r.all().errorKinds()).isZero();
        assertThat(r.all().requests()).isEqualTo(3L * ITERATIONS);
    }

    @Test
    void shouldCountARefusedTunnelAndAnUnreachableProxyAsProxyErrors() throws Exception {
        RunResults denied;
        RunResults unreachable;
        try (TestTarget target = TestTarget.fast(); CountingProxy proxy = new CountingProxy()) {
            proxy.deny(https.getAddress().getPort());
            denied = run(proxy.url(), target.url(), """
                      - {name: denied, executor: burst, count: 5, request: {name: denied, url: "${HTTPS}/x"}}
                    """);
            assertThat(proxy.refusedTunnels.get()).isEqualTo(5);
            unreachable = run("http://127.0.0.1:" + closedPort(), target.url(), """
                      - {name: plain, executor: burst, count: 5, request: {name: plain, path: /}}
                      - {name: secure, executor: burst, count: 5, request: {name: secure, url: "${HTTPS}/y"}}
                    """);
            assertThat(target.served()).as("nothing reached the target").isZero();
        }
        assertThat(denied.load().get("denied").errorKinds()).containsExactly(Map.entry("proxy", 5L));
        assertThat(unreachable.load().get("plain").errorKinds()).containsExactly(Map.entry("proxy", 5L));
        assertThat(unreachable.load().get("secure").errorKinds()).containsExactly(Map.entry("proxy", 5L));
    }

    @Test
    void shouldTakeTheProxiesAndExclusionsFromTheEnvironmentWhenTheScenarioSaysNothing() throws Exception {
        try (TestTarget target = TestTarget.fast(); CountingProxy proxy = new CountingProxy(); Children children = new Children()) {
            int port = Integer.parseInt(target.url().substring(target.url().lastIndexOf(':') + 1));
            Path scenario = Files.writeString(out.resolve("env.yml"), """
                    name: env
                    target: %s
                    options: {tlsVerify: false, warmup: false, threads: 1}
                    load:
                      - name: mixed
                        executor: burst
                        count: %d
                        requests:
                          - {name: plain, path: /plain}
                          - {name: secure, url: "%s/secure"}
                          - {name: direct, url: "http://localhost:%d/direct"}
                    """.formatted(target.url(), ITERATIONS, httpsUrl(), port));
            List<String> argv = List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx256m",
                    "-XX:+UseSerialGC", "-cp", System.getProperty("java.class.path"), ProxyEnvRun.class.getName(),
                    scenario.toString(), out.resolve("env-out").toString());
            Process run = children.start(argv, Map.of("http_proxy", proxy.url(), "HTTPS_PROXY", proxy.url(), "NO_PROXY", "localhost"));

            String status = children.awaitLine(run, "status: ", Duration.ofSeconds(120));
            String figures = children.awaitLine(run, "figures: ", Duration.ofSeconds(10));

            assertThat(status).startsWith("COMPLETED");
            assertThat(figures).isEqualTo("requests=" + 3 * ITERATIONS + " errors=0 kinds={}");
            assertThat(run.waitFor(30, TimeUnit.SECONDS)).isTrue();
            assertThat(proxy.absoluteRequests.get()).isEqualTo(ITERATIONS);
            assertThat(proxy.tunnels.get()).isBetween(1, ITERATIONS);
            assertThat(proxy.authorities).doesNotContain("localhost:" + port);
        }
    }

    private static int closedPort() throws Exception {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }
}
