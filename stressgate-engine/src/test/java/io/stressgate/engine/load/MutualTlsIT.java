package io.stressgate.engine.load;

import static org.assertj.core.api.Assertions.assertThat;

import io.stressgate.engine.report.SummaryReport;
import io.stressgate.engine.result.RunResults;
import io.stressgate.engine.run.RunSettings;
import io.stressgate.engine.run.StressRunner;
import io.stressgate.engine.scenario.ScenarioLimits;
import io.stressgate.engine.scenario.ScenarioLoader;
import io.stressgate.engine.scenario.Variables;
import io.stressgate.engine.testing.Ports;
import io.stressgate.engine.testing.TestPki;
import io.stressgate.engine.testsupport.Children;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Client certificates against a real nginx on loopback that requires them ({@code ssl_verify_client on}), with a
 * CA, server and client certificates that keytool makes for the test: with the right certificate (PEM or PKCS#12,
 * RSA or EC) every request succeeds and nginx logs the certificate it verified; without one nginx answers 400; a
 * server certificate the scenario's CA bundle does not vouch for fails every request as {@code tls}.
 */
class MutualTlsIT {
    private static final int REQUESTS = 10;
    private static final Children CHILDREN = new Children();
    private static final AtomicInteger RUNS = new AtomicInteger();
    @TempDir
    static Path dir;
    private static int port;

    @BeforeAll
    static void startNginx() throws Exception {
        TestPki pki = TestPki.create(dir, "Mutual Test CA");
        TestPki.Issued server = pki.issue("server", "RSA", "dns:localhost,ip:127.0.0.1");
        pki.issue("client-rsa", "RSA", null);
        pki.issue("client-ec", "EC", null);
        TestPki.create(dir.resolve("other"), "Other CA").issue("stranger", "EC", null);
        for (String f : List.of("stranger-chain.pem", "stranger-key.pem")) {
            Files.copy(dir.resolve("other").resolve(f), dir.resolve(f));
        }
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = s.getLocalPort();
        }
        Path conf = Files.writeString(dir.resolve("nginx.conf"), nginxConfig(server));
        Process nginx = CHILDREN.start(List.of("/usr/sbin/nginx", "-p", dir.toString(), "-c", conf.toString(), "-g", "daemon off;"), Map.of());
        boolean up = Children.await(() -> !nginx.isAlive() || Ports.listening(port), Duration.ofSeconds(30));
        assertThat(up && nginx.isAlive()).as("nginx (pid %d) listens on %d: %s", nginx.pid(), port, errorLog()).isTrue();
    }

    @AfterAll
    static void stopNginx() throws InterruptedException {
        CHILDREN.close();
    }

    private static String nginxConfig(TestPki.Issued server) {
        String d = dir.toString();
        return String.join("\n", "master_process off;", "pid " + d + "/nginx.pid;", "error_log " + d + "/error.log info;",
                "events { worker_connections 256; }", "http {",
                "  log_format mtls '$status $ssl_client_verify \"$ssl_client_s_dn\" $ssl_protocol';",
                "  access_log " + d + "/access.log mtls;",
                "  client_body_temp_path " + d + "/body;", "  proxy_temp_path " + d + "/proxy;",
                "  fastcgi_temp_path " + d + "/fastcgi;", "  uwsgi_temp_path " + d + "/uwsgi;", "  scgi_temp_path " + d + "/scgi;",
                "  server {", "    listen 127.0.0.1:" + port + " ssl;",
                "    ssl_certificate " + server.chainPem + ";", "    ssl_certificate_key " + server.keyPem + ";",
                "    ssl_client_certificate " + d + "/ca.pem;", "    ssl_verify_client on;",
                "    location / { return 200 \"hello $ssl_client_s_dn\\n\"; }", "  }", "}", "");
    }

    private static String errorLog() throws java.io.IOException {
        Path log = dir.resolve("error.log");
        return Files.exists(log) ? Files.readString(log) : "(no error log)";
    }

    private static List<String> accessLog() throws java.io.IOException {
        Path log = dir.resolve("access.log");
        return Files.exists(log) ? Files.readAllLines(log, StandardCharsets.UTF_8) : List.of();
    }

    private static RunResults run(String tls) throws Exception {
        String yaml = """
                name: mtls
                target: https://127.0.0.1:%d
                options: {warmup: false}
                load: [{name: hello, executor: burst, count: %d, request: {path: /hello, timeout: 10s}}]
                tls:
                %s""".formatted(port, REQUESTS, tls.indent(2));
        var scenario = new ScenarioLoader(Variables.of(Map.of("CLIENT_P12_PASSWORD", TestPki.PASSWORD)), ScenarioLimits.DEFAULTS)
                .parse("mtls.yml", yaml, dir);
        Path out = Files.createDirectories(dir.resolve("out-" + RUNS.incrementAndGet()));
        return new StressRunner(Clock.systemUTC(), new RunSettings("c", out, 1)).start(scenario, LoadListener.NONE).await();
    }

    @Test
    void shouldSucceedWithAPemRsaClientCertificateThatNginxVerifies() throws Exception {
        int before = accessLog().size();

        RunResults r = run("{caBundle: ca.pem, clientCert: {cert: client-rsa-chain.pem, key: client-rsa-key.pem}}");

        assertThat(r.all().requests()).isEqualTo(REQUESTS);
        assertThat(r.all().errors()).as("%s", r.all().errorKinds()).isZero();
        assertThat(r.all().status()).containsExactly(Map.entry("200", (long) REQUESTS));
        assertThat(accessLog().subList(before, accessLog().size())).hasSize(REQUESTS)
                .allSatisfy(line -> assertThat(line).startsWith("200 SUCCESS \"CN=client-rsa\""));
    }

    @Test
    void shouldSucceedWithAnEcClientCertificateFromAPasswordProtectedPkcs12File() throws Exception {
        int before = accessLog().size();

        RunResults r = run("{caBundle: ca.pem, clientCert: {pkcs12: client-ec.p12, password: \"${CLIENT_P12_PASSWORD}\"}}");

        assertThat(r.all().errors()).as("%s", r.all().errorKinds()).isZero();
        assertThat(r.all().status()).containsExactly(Map.entry("200", (long) REQUESTS));
        assertThat(accessLog().subList(before, accessLog().size())).hasSize(REQUESTS)
                .allSatisfy(line -> assertThat(line).startsWith("200 SUCCESS \"CN=client-ec\""));
    }

    @Test
    void shouldGetNginxs400WithoutAClientCertificateOrWithOneFromAnotherCa() throws Exception {
        for (String tls : List.of("{caBundle: ca.pem}", "{caBundle: ca.pem, clientCert: {cert: stranger-chain.pem, key: stranger-key.pem}}")) {
            int before = accessLog().size();

            RunResults r = run(tls);

            assertThat(r.all().errors()).as(tls).isEqualTo(REQUESTS);
            assertThat(r.all().errorKinds()).as(tls).containsExactly(Map.entry("http_4xx", (long) REQUESTS));
            assertThat(r.all().status()).as(tls).containsExactly(Map.entry("400", (long) REQUESTS));
            assertThat(accessLog().subList(before, accessLog().size())).as(tls).hasSize(REQUESTS)
                    .allSatisfy(line -> assertThat(line).startsWith("400 NONE"));
        }
    }

    @Test
    void shouldFailAsTlsAndNameTheCauseWhenTheBundleDoesNotVouchForTheServer() throws Exception {
        int before = accessLog().size();

        RunResults r = run("{caBundle: other/ca.pem, clientCert: {cert: client-rsa-chain.pem, key: client-rsa-key.pem}}");

        assertThat(r.all().errorKinds()).containsExactly(Map.entry("tls", (long) REQUESTS));
        assertThat(r.all().status()).isEmpty();
        assertThat(r.generator().tlsFailure()).startsWith("https://127.0.0.1:" + port + ": ").contains("PKIX path");
        assertThat(accessLog()).hasSize(before);
        assertThat(new SummaryReport().render(r)).contains("tls: " + REQUESTS + " (100")
                .contains("the first: https://127.0.0.1:" + port + ": PKIX path");
    }
}
