package io.stressgate.engine.load;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsExchange;
import com.sun.net.httpserver.HttpsParameters;
import com.sun.net.httpserver.HttpsServer;
import io.stressgate.engine.result.RunResults;
import io.stressgate.engine.run.RunSettings;
import io.stressgate.engine.run.StressRunner;
import io.stressgate.engine.scenario.ScenarioLimits;
import io.stressgate.engine.scenario.ScenarioLoader;
import io.stressgate.engine.scenario.Variables;
import io.stressgate.engine.testing.Ports;
import io.stressgate.engine.testing.TestPki;
import io.stressgate.engine.testing.TestTarget;
import io.stressgate.engine.testsupport.Children;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import javax.net.ssl.ExtendedSSLSession;
import javax.net.ssl.SNIHostName;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSession;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509TrustManager;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * SNI, versions, cipher suites and per-origin options against two JDK https servers on loopback that note what
 * each handshake brought (the SNI name, the protocol, the suite): server A has a certificate for {@code api.test}
 * only and speaks TLS 1.2 and 1.3; server B has one for localhost and 127.0.0.1 and speaks TLS 1.2 only; server C
 * has B's certificate and requires a client certificate from the test CA. The JDK's server closes a handshake it
 * refuses without sending the alert, so the refusal of a missing client certificate is tried against OpenSSL's
 * {@code s_server}, which sends it. The test CA is made by keytool for the test.
 */
class TlsOptionsIT {
    private static final int REQUESTS = 4;
    private static final AtomicInteger RUNS = new AtomicInteger();
    @TempDir
    static Path dir;
    private static HttpsServer a;
    private static HttpsServer b;
    private static HttpsServer c;
    private static final Set<String> SEEN_BY_A = ConcurrentHashMap.newKeySet();
    private static final Set<String> SEEN_BY_B = ConcurrentHashMap.newKeySet();
    private static final Set<String> SEEN_BY_C = ConcurrentHashMap.newKeySet();
    private static X509Certificate ca;

    @BeforeAll
    static void startServers() throws Exception {
        TestPki pki = TestPki.create(dir, "Options Test CA");
        a = server(pki.issue("a", "RSA", "dns:api.test").serverContext(), null, SEEN_BY_A);
        TestPki.Issued local = pki.issue("b", "RSA", "dns:localhost,ip:127.0.0.1");
        b = server(local.serverContext(), "TLSv1.2", SEEN_BY_B);
        c = server(local.serverContextTrustingItsCa(), "client", SEEN_BY_C);
        pki.issue("client-ec", "EC", null);
        try (var in = Files.newInputStream(pki.caPem())) {
            ca = (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(in);
        }
    }

    @AfterAll
    static void stopServers() {
        for (HttpsServer s : List.of(a, b, c)) {
            s.stop(0);
            ((ExecutorService) s.getExecutor()).shutdownNow();
        }
    }

    @BeforeEach
    void forget() {
        SEEN_BY_A.clear();
        SEEN_BY_B.clear();
        SEEN_BY_C.clear();
    }

    /** A server that notes each handshake; {@code onlyVersion} is the one version it speaks, or "client" to require client certificates. */
    private static HttpsServer server(SSLContext context, String onlyVersion, Set<String> seen) throws Exception {
        HttpsServer server = HttpsServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 64);
        server.setHttpsConfigurator(new HttpsConfigurator(context) {
            @Override
            public void configure(HttpsParameters params) {
                SSLParameters p = getSSLContext().getDefaultSSLParameters();
                if ("client".equals(onlyVersion)) {
                    p.setNeedClientAuth(true);
                } else if (onlyVersion != null) {
                    p.setProtocols(new String[] {onlyVersion});
                }
                params.setSSLParameters(p);
            }
        });
        server.setExecutor(Executors.newFixedThreadPool(4));
        server.createContext("/", exchange -> {
            try (exchange) {
                SSLSession session = ((HttpsExchange) exchange).getSSLSession();
                String sni = ((ExtendedSSLSession) session).getRequestedServerNames().stream()
                        .map(n -> ((SNIHostName) n).getAsciiName()).collect(Collectors.joining(",", "sni=", ""));
                String client = "client".equals(onlyVersion) ? " " + session.getPeerPrincipal().getName() : "";
                seen.add(sni + " " + session.getProtocol() + " " + session.getCipherSuite() + client);
                TestTarget.reply(exchange, 200, "ok");
            }
        });
        server.start();
        return server;
    }

    private static String origin(String host, HttpsServer server) {
        return "https://" + host + ":" + server.getAddress().getPort();
    }

    private static RunResults run(String target, String requests, String tls) throws Exception {
        String yaml = """
                name: tls-options
                target: %s
                options: {warmup: false}
                load: [{name: p, executor: burst, count: %d, requests: %s}]
                tls:
                %s""".formatted(target, REQUESTS, requests, tls.indent(2));
        var scenario = new ScenarioLoader(Variables.of(Map.of()), ScenarioLimits.DEFAULTS).parse("options.yml", yaml, dir);
        Path out = Files.createDirectories(dir.resolve("out-" + RUNS.incrementAndGet()));
        return new StressRunner(Clock.systemUTC(), new RunSettings("c", out, 1)).start(scenario, LoadListener.NONE).await();
    }

    private static RunResults run(String target, String tls) throws Exception {
        return run(target, "[{path: /}]", tls);
    }

    @Test
    void shouldSendTheServerNameAsSniAndVerifyTheCertificateAgainstIt() throws Exception {
        RunResults r = run(origin("127.0.0.1", a), "{caBundle: ca.pem, serverName: api.test}");

        assertThat(r.all().errors()).as("%s %s", r.all().errorKinds(), r.generator().tlsFailure()).isZero();
        assertThat(SEEN_BY_A).isNotEmpty().allSatisfy(s -> assertThat(s).startsWith("sni=api.test "));
    }

    @Test
    void shouldFailAsTlsWhenTheCertificateIsNotForTheNameVerified() throws Exception {
        RunResults byAddress = run(origin("127.0.0.1", a), "{caBundle: ca.pem}");
        RunResults byOtherName = run(origin("127.0.0.1", a), "{caBundle: ca.pem, serverName: other.test}");

        assertThat(byAddress.all().errorKinds()).containsExactly(Map.entry("tls", (long) REQUESTS));
        assertThat(byAddress.generator().tlsFailure()).contains("127.0.0.1");
        assertThat(byOtherName.all().errorKinds()).containsExactly(Map.entry("tls", (long) REQUESTS));
        assertThat(byOtherName.generator().tlsFailure()).contains("other.test");
        assertThat(SEEN_BY_A).isEmpty();
    }

    @Test
    void shouldSendTheUrlsHostAsSniAndNoSniForAnAddress() throws Exception {
        RunResults byName = run(origin("localhost", b), "{caBundle: ca.pem}");
        Set<String> seenByName = Set.copyOf(SEEN_BY_B);
        SEEN_BY_B.clear();
        RunResults byAddress = run(origin("127.0.0.1", b), "{caBundle: ca.pem}");

        assertThat(byName.all().errors() + byAddress.all().errors()).isZero();
        assertThat(seenByName).isNotEmpty().allSatisfy(s -> assertThat(s).startsWith("sni=localhost "));
        assertThat(SEEN_BY_B).isNotEmpty().allSatisfy(s -> assertThat(s).startsWith("sni= "));
    }

    @Test
    void shouldOfferOnlyTheVersionsAndSuitesAsked() throws Exception {
        RunResults tls12 = run(origin("127.0.0.1", a), "{caBundle: ca.pem, serverName: api.test, versions: [TLSv1.2],"
                + " cipherSuites: [TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256]}");
        Set<String> seen12 = Set.copyOf(SEEN_BY_A);
        SEEN_BY_A.clear();
        RunResults tls13 = run(origin("127.0.0.1", a), "{caBundle: ca.pem, serverName: api.test, versions: [TLSv1.3],"
                + " cipherSuites: [TLS_AES_256_GCM_SHA384]}");

        assertThat(tls12.all().errors() + tls13.all().errors()).isZero();
        assertThat(seen12).containsExactly("sni=api.test TLSv1.2 TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256");
        assertThat(SEEN_BY_A).containsExactly("sni=api.test TLSv1.3 TLS_AES_256_GCM_SHA384");
    }

    @Test
    void shouldFailAsTlsWhenTheServerSpeaksNoVersionOffered() throws Exception {
        RunResults r = run(origin("localhost", b), "{caBundle: ca.pem, versions: [TLSv1.3]}");

        assertThat(r.all().errorKinds()).containsExactly(Map.entry("tls", (long) REQUESTS));
        assertThat(r.generator().tlsFailure()).startsWith(origin("localhost", b) + ": ")
                .containsAnyOf("protocol_version", "during the TLS handshake (offered TLSv1.3)");
        assertThat(SEEN_BY_B).isEmpty();
    }

    @Test
    void shouldApplyAnOriginsOverrideToThatOriginOnly() throws Exception {
        RunResults r = run(origin("127.0.0.1", a), "[{path: /a}, {url: \"" + origin("localhost", b) + "/b\"}]", """
                caBundle: ca.pem
                serverName: api.test
                origins:
                  "%s": {serverName: localhost, versions: [TLSv1.2]}
                """.formatted(origin("localhost", b)));

        assertThat(r.all().requests()).isEqualTo(2 * REQUESTS);
        assertThat(r.all().errors()).as("%s %s", r.all().errorKinds(), r.generator().tlsFailure()).isZero();
        assertThat(SEEN_BY_A).isNotEmpty().allSatisfy(s -> assertThat(s).startsWith("sni=api.test TLSv1.3 "));
        assertThat(SEEN_BY_B).isNotEmpty().allSatisfy(s -> assertThat(s).startsWith("sni=localhost TLSv1.2 "));
    }

    @Test
    void shouldPresentTheClientCertificateToAServerThatRequiresOne() throws Exception {
        RunResults r = run(origin("localhost", c), "{caBundle: ca.pem, clientCert: {cert: client-ec-chain.pem, key: client-ec-key.pem}}");

        assertThat(r.all().errors()).as("%s %s", r.all().errorKinds(), r.generator().tlsFailure()).isZero();
        assertThat(SEEN_BY_C).isNotEmpty().allSatisfy(s -> assertThat(s).startsWith("sni=localhost TLSv1.3 ").endsWith(" CN=client-ec"));
    }

    @Test
    void shouldFailAsTlsWhenAServerRejectsTheHandshakeForWantOfAClientCertificate() throws Exception {
        int port;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = socket.getLocalPort();
        }
        Children children = new Children();
        try {
            Process server = children.start(List.of("/usr/bin/openssl", "s_server", "-accept", "127.0.0.1:" + port,
                    "-cert", dir.resolve("b-chain.pem").toString(), "-key", dir.resolve("b-key.pem").toString(),
                    "-CAfile", dir.resolve("ca.pem").toString(), "-Verify", "1", "-www"), Map.of());
            assertThat(Children.await(() -> !server.isAlive() || Ports.listening(port), Duration.ofSeconds(30)))
                    .as("openssl s_server (pid %d) listens", server.pid()).isTrue();

            RunResults r = run("https://localhost:" + port, "{caBundle: ca.pem}");

            assertThat(r.all().errorKinds()).containsExactly(Map.entry("tls", (long) REQUESTS));
            assertThat(r.generator().tlsFailure()).startsWith("https://localhost:" + port + ": ").contains("certificate_required");
        } finally {
            children.close(); // stops s_server by its pid
        }
    }

    @Test
    void shouldTrustTheBundleBesidesTheJdksOwnAuthorities() throws Exception {
        TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        factory.init((KeyStore) null);
        List<X509Certificate> jdk = List.of(((X509TrustManager) factory.getTrustManagers()[0]).getAcceptedIssuers());

        List<X509Certificate> trusted = List.of(((X509TrustManager) TlsSettings.trustAdding(List.of(ca))[0]).getAcceptedIssuers());

        assertThat(jdk).isNotEmpty().doesNotContain(ca);
        assertThat(trusted).contains(ca).containsAll(jdk).hasSize(jdk.size() + 1);
    }
}
