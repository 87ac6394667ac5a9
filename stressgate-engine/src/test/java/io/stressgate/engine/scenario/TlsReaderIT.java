package io.stressgate.engine.scenario;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.stressgate.engine.testing.TestPki;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.CertificateFactory;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The scenario's tls: block against real key material that keytool makes for the test: what it reads, and every
 * problem (a bad file, a wrong password, an unknown version or suite, a key that is not the certificate's) reported
 * at once with file, line and key.
 */
class TlsReaderIT {
    @TempDir
    static Path dir;
    private static TestPki.Issued rsa;
    private static TestPki.Issued ec;
    private static TestPki.Issued other;

    @BeforeAll
    static void makeKeys() throws Exception {
        TestPki pki = TestPki.create(dir, "Reader Test CA");
        rsa = pki.issue("client-rsa", "RSA", null);
        ec = pki.issue("client-ec", "EC", null);
        other = TestPki.create(dir.resolve("other"), "Other CA").issue("stranger", "EC", null);
        Files.writeString(dir.resolve("notes.txt"), "not a certificate\n");
        String pkcs8 = Files.readString(rsa.keyPem);
        Files.writeString(dir.resolve("pkcs1.pem"), pkcs8.replace("PRIVATE KEY", "RSA PRIVATE KEY"));
        Files.writeString(dir.resolve("encrypted.pem"), pkcs8.replace("PRIVATE KEY", "ENCRYPTED PRIVATE KEY"));
    }

    private static String scenario(String tls) {
        return """
                name: tls
                target: https://127.0.0.1:8443
                load:
                  - name: p
                    executor: constant-vus
                    vus: 1
                    duration: 1s
                    requests: [{path: /a}, {url: "https://LOCALHOST:9443/b"}, {url: "http://127.0.0.1:8080/c"}]
                tls:
                %s""".formatted(tls.indent(2));
    }

    private static Scenario parse(String tls) throws ScenarioException {
        return new ScenarioLoader(Variables.of(Map.of("P12_PASSWORD", TestPki.PASSWORD)), ScenarioLimits.DEFAULTS)
                .parse("tls.yml", scenario(tls), dir);
    }

    private static List<Problem> problems(String tls) {
        ScenarioException e = catchThrowableOfType(ScenarioException.class, () -> parse(tls));
        assertThat(e).as("the scenario is refused").isNotNull();
        return e.problems();
    }

    @Test
    void shouldReadTheBundleBothClientCertificateFormsAndMergeAnOriginsOverrideWithTheSharedOptions() throws Exception {
        Scenario s = parse("""
                caBundle: ./ca.pem
                clientCert: {pkcs12: ./client-rsa.p12, password: "${P12_PASSWORD}"}
                serverName: api.test
                versions: [TLSv1.2, TLSv1.3]
                cipherSuites: [TLS_AES_128_GCM_SHA256, TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256]
                origins:
                  "https://localhost:9443": {clientCert: {cert: client-ec-chain.pem, key: client-ec-key.pem}, versions: [TLSv1.3]}
                """);

        TlsSpec tls = s.options().tls();
        TlsOptions first = tls.forOrigin(URI.create("https://127.0.0.1:8443"));
        assertThat(first.extraTrust()).singleElement().satisfies(c -> assertThat(c.getSubjectX500Principal().getName()).isEqualTo("CN=Reader Test CA"));
        assertThat(first.clientCert().chain()).hasSize(2);
        assertThat(first.clientCert().chain().get(0).getSubjectX500Principal().getName()).isEqualTo("CN=client-rsa");
        assertThat(first.clientCert().key().getAlgorithm()).isEqualTo("RSA");
        assertThat(first.serverName()).isEqualTo("api.test");
        assertThat(first.versions()).containsExactly("TLSv1.2", "TLSv1.3");

        TlsOptions second = tls.forOrigin(URI.create("https://localhost:9443"));
        assertThat(second.clientCert().key().getAlgorithm()).isEqualTo("EC");
        assertThat(second.clientCert().chain().get(0).getSubjectX500Principal().getName()).isEqualTo("CN=client-ec");
        assertThat(second.versions()).containsExactly("TLSv1.3");
        assertThat(second.serverName()).as("inherited").isEqualTo("api.test");
        assertThat(second.extraTrust()).as("inherited").isEqualTo(first.extraTrust());
        assertThat(second.cipherSuites()).as("inherited").isEqualTo(first.cipherSuites());
    }

    @Test
    void shouldUseTheJdkDefaultsWithoutATlsBlock() throws Exception {
        Scenario s = new ScenarioLoader(Variables.of(Map.of()), ScenarioLimits.DEFAULTS)
                .parse("plain.yml", scenario("").substring(0, scenario("").indexOf("tls:")), dir);

        assertThat(s.options().tls()).isEqualTo(TlsSpec.NONE);
        assertThat(s.options().tls().forOrigin(URI.create("https://127.0.0.1:8443"))).isEqualTo(TlsOptions.DEFAULTS);
    }

    @Test
    void shouldReportEveryProblemOfTheBlockAtOnceWithLineAndKey() {
        List<Problem> problems = problems("""
                caBundle: notes.txt
                clientCert: {pkcs12: client-rsa.p12, password: wrong}
                serverName: 127.0.0.1
                versions: [TLSv1.2, TLSv1.1, TLSv1.4]
                cipherSuites: [TLS_AES_128_GCM_SHA265]
                origins:
                  "http://127.0.0.1:8080": {versions: [TLSv1.3]}
                  "https://unused.test:1": {versions: [TLSv1.3]}
                  "https://127.0.0.1:8443/path": {versions: [TLSv1.3]}
                  "https://localhost:9443": {verion: [TLSv1.3]}
                """);

        assertThat(problems).extracting(p -> p.location().line() + " " + p.path()).containsExactlyInAnyOrder(
                "10 tls.caBundle", "11 tls.clientCert.password", "12 tls.serverName", "13 tls.versions[1]", "13 tls.versions[2]",
                "14 tls.cipherSuites[0]", "16 tls.origins.http://127.0.0.1:8080", "17 tls.origins.https://unused.test:1",
                "18 tls.origins.https://127.0.0.1:8443/path", "19 tls.origins.https://localhost:9443.verion");
        assertThat(problems).allSatisfy(p -> assertThat(p.location().file()).isEqualTo("tls.yml"));
        assertThat(message(problems, "tls.caBundle")).contains("notes.txt holds no PEM certificate");
        assertThat(message(problems, "tls.clientCert.password")).contains("client-rsa.p12: the password is wrong");
        assertThat(message(problems, "tls.serverName")).contains("SNI cannot carry an IP address");
        assertThat(message(problems, "tls.versions[1]")).contains("\"TLSv1.1\" is not a TLS version this JDK enables")
                .contains("enabled: TLSv1.3, TLSv1.2");
        assertThat(message(problems, "tls.cipherSuites[0]")).contains("did you mean TLS_AES_128_GCM_SHA256?");
        assertThat(message(problems, "tls.origins.http://127.0.0.1:8080")).contains("not an https origin");
        assertThat(message(problems, "tls.origins.https://unused.test:1"))
                .contains("no request of this scenario goes to https://unused.test:1 (https origins it requests: https://127.0.0.1:8443, https://localhost:9443)");
        assertThat(message(problems, "tls.origins.https://127.0.0.1:8443/path")).contains("scheme, host and port only");
        assertThat(message(problems, "tls.origins.https://localhost:9443.verion")).contains("did you mean \"versions\"?");
    }

    @Test
    void shouldRefusePemKeysItDoesNotReadAndAKeyThatIsNotTheCertificates() throws Exception {
        Files.copy(other.keyPem, dir.resolve("stranger-key.pem"), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        for (var c : Map.of("pkcs1.pem", "holds a \"RSA PRIVATE KEY\" (a PKCS#1 RSA key); only unencrypted PKCS#8 (BEGIN PRIVATE KEY) is read:"
                        + " convert it with openssl pkcs8 -topk8 -nocrypt -in pkcs1.pem",
                "encrypted.pem", "(an encrypted PKCS#8 key)",
                "stranger-key.pem", "does not belong to the first certificate in " + dir.resolve("client-rsa-chain.pem").toRealPath()
                        + " (CN=client-rsa)").entrySet()) {
            List<Problem> problems = problems("clientCert: {cert: client-rsa-chain.pem, key: " + c.getKey() + "}\n");

            assertThat(problems).as(c.getKey()).singleElement().satisfies(p -> {
                assertThat(p.location().line()).isEqualTo(10);
                assertThat(p.path()).isEqualTo("tls.clientCert.key");
                assertThat(p.message()).contains(c.getValue());
            });
        }
    }

    @Test
    void shouldKeepTlsFilesInsideTheScenariosFolderAndRefuseMissingOnes() {
        List<Problem> problems = problems("""
                caBundle: /etc/ssl/certs/ca-certificates.crt
                clientCert: {pkcs12: missing.p12, cert: client-rsa-chain.pem}
                """);

        assertThat(problems).extracting(Problem::path, p -> p.location().line())
                .containsExactlyInAnyOrder(org.assertj.core.groups.Tuple.tuple("tls.caBundle", 10),
                        org.assertj.core.groups.Tuple.tuple("tls.clientCert", 11));
        assertThat(message(problems, "tls.caBundle")).contains("is outside").contains("files a scenario reads must lie in its folder");
        assertThat(message(problems, "tls.clientCert")).contains("either pkcs12 (with password) or cert and key (PEM), not both");
    }

    @Test
    void shouldRefuseAPkcs12FileWithoutAKeyAndAFileThatIsNotPkcs12() throws Exception {
        KeyStore trustOnly = KeyStore.getInstance("PKCS12");
        trustOnly.load(null, null);
        try (var in = Files.newInputStream(dir.resolve("ca.pem"))) {
            trustOnly.setCertificateEntry("ca", CertificateFactory.getInstance("X.509").generateCertificate(in));
        }
        try (var out = Files.newOutputStream(dir.resolve("trust-only.p12"))) {
            trustOnly.store(out, TestPki.PASSWORD.toCharArray());
        }

        List<Problem> noKey = problems("clientCert: {pkcs12: trust-only.p12, password: \"${P12_PASSWORD}\"}\n");
        List<Problem> notPkcs12 = problems("clientCert: {pkcs12: notes.txt, password: \"${P12_PASSWORD}\"}\n");

        assertThat(noKey).singleElement().satisfies(p -> {
            assertThat(p.path()).isEqualTo("tls.clientCert.pkcs12");
            assertThat(p.message()).contains("trust-only.p12 holds 0 private keys; it must hold exactly one");
        });
        assertThat(notPkcs12).singleElement().satisfies(p -> {
            assertThat(p.path()).isEqualTo("tls.clientCert.pkcs12");
            assertThat(p.message()).contains("notes.txt is not a PKCS#12 file");
        });
    }

    @Test
    void shouldRefuseCipherSuitesThatNoneOfTheVersionsCanUse() {
        List<Problem> problems = problems("""
                versions: [TLSv1.3]
                cipherSuites: [TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256]
                """);

        assertThat(problems).singleElement().satisfies(p -> {
            assertThat(p.path()).isEqualTo("tls.cipherSuites");
            assertThat(p.location().line()).isEqualTo(11);
            assertThat(p.message()).contains("can be used with versions [TLSv1.3]");
        });
    }

    @Test
    void shouldNameAMissingPasswordVariableOnceInsteadOfAWrongPassword() {
        List<Problem> problems = problems("clientCert: {pkcs12: client-rsa.p12, password: \"${NOT_SET}\"}\n");

        assertThat(problems).singleElement().satisfies(p -> assertThat(p.message()).contains("${NOT_SET} is not set"));
    }

    private static String message(List<Problem> problems, String path) {
        return problems.stream().filter(p -> p.path().equals(path)).findFirst().map(Problem::message).orElse("no problem at " + path);
    }
}
