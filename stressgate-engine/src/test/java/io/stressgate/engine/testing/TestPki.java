package io.stressgate.engine.testing;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;

/**
 * A certificate authority made for one test by the JDK's keytool, and certificates it signs: nothing is committed,
 * every key is new. Each certificate is written as the files users bring (a PEM chain, a PEM PKCS#8 key, a PKCS#12
 * file with the password {@link #PASSWORD}) and as an {@link SSLContext} for a JDK test server.
 */
public final class TestPki {
    public static final String PASSWORD = "test-secret";
    private static final Path KEYTOOL = Path.of(System.getProperty("java.home"), "bin", "keytool");
    private final Path dir;
    private final X509Certificate ca;

    private TestPki(Path dir, X509Certificate ca) {
        this.dir = dir;
        this.ca = ca;
    }

    /** A new CA named {@code name}, its files in {@code dir}. */
    public static TestPki create(Path dir, String name) throws Exception {
        Files.createDirectories(dir);
        keytool("-genkeypair", "-alias", "ca", "-keyalg", "EC", "-groupname", "secp256r1", "-dname", "CN=" + name,
                "-ext", "bc:c", "-validity", "2", "-storetype", "PKCS12", "-keystore", dir.resolve("ca.p12").toString(),
                "-storepass", PASSWORD);
        KeyStore store = load(dir.resolve("ca.p12"), PASSWORD);
        X509Certificate ca = (X509Certificate) store.getCertificate("ca");
        Files.writeString(dir.resolve("ca.pem"), pem("CERTIFICATE", ca.getEncoded()));
        return new TestPki(dir, ca);
    }

    /** The CA's certificate as PEM, the file a scenario's caBundle names. */
    public Path caPem() {
        return dir.resolve("ca.pem");
    }

    /**
     * A certificate for {@code name} signed by this CA, for servers and clients: {@code keyAlgorithm} RSA or EC,
     * {@code san} as keytool writes it ({@code dns:localhost,ip:127.0.0.1}) or null.
     */
    public Issued issue(String name, String keyAlgorithm, String san) throws Exception {
        Path store = dir.resolve(name + "-keytool.p12");
        keytool("-genkeypair", "-alias", "leaf", "-keyalg", keyAlgorithm, "-dname", "CN=" + name, "-validity", "2",
                "-storetype", "PKCS12", "-keystore", store.toString(), "-storepass", PASSWORD);
        Path request = dir.resolve(name + ".csr");
        Path signed = dir.resolve(name + ".crt");
        keytool("-certreq", "-alias", "leaf", "-keystore", store.toString(), "-storepass", PASSWORD, "-file", request.toString());
        List<String> gencert = new ArrayList<>(List.of("-gencert", "-alias", "ca", "-keystore", dir.resolve("ca.p12").toString(),
                "-storepass", PASSWORD, "-infile", request.toString(), "-outfile", signed.toString(), "-rfc", "-validity", "2",
                "-ext", "EKU=serverAuth,clientAuth"));
        if (san != null) {
            gencert.addAll(List.of("-ext", "SAN=" + san));
        }
        keytool(gencert.toArray(String[]::new));
        PrivateKey key = (PrivateKey) load(store, PASSWORD).getKey("leaf", PASSWORD.toCharArray());
        X509Certificate leaf;
        try (InputStream in = Files.newInputStream(signed)) {
            leaf = (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(in);
        }
        Issued issued = new Issued(dir.resolve(name + "-chain.pem"), dir.resolve(name + "-key.pem"), dir.resolve(name + ".p12"),
                key, new X509Certificate[] {leaf, ca});
        Files.writeString(issued.chainPem, pem("CERTIFICATE", leaf.getEncoded()) + pem("CERTIFICATE", ca.getEncoded()));
        Files.writeString(issued.keyPem, pem("PRIVATE KEY", key.getEncoded()));
        KeyStore p12 = KeyStore.getInstance("PKCS12");
        p12.load(null, null);
        p12.setKeyEntry(name, key, PASSWORD.toCharArray(), issued.chain);
        try (OutputStream out = Files.newOutputStream(issued.pkcs12)) {
            p12.store(out, PASSWORD.toCharArray());
        }
        return issued;
    }

    /** PEM text of one block, 64 characters a line. */
    public static String pem(String label, byte[] der) {
        String body = Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(der);
        return "-----BEGIN " + label + "-----\n" + body + "\n-----END " + label + "-----\n";
    }

    private static KeyStore load(Path file, String password) throws Exception {
        KeyStore store = KeyStore.getInstance("PKCS12");
        store.load(new ByteArrayInputStream(Files.readAllBytes(file)), password.toCharArray());
        return store;
    }

    private static void keytool(String... args) throws Exception {
        List<String> argv = new ArrayList<>();
        argv.add(KEYTOOL.toString());
        argv.addAll(List.of(args));
        Process p = new ProcessBuilder(argv).redirectErrorStream(true).start();
        if (!p.waitFor(60, TimeUnit.SECONDS)) {
            p.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            throw new IllegalStateException("keytool " + args[0] + " (pid " + p.pid() + ") took over 60 s");
        }
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (p.exitValue() != 0) {
            throw new IllegalStateException("keytool " + String.join(" ", args) + " failed: " + output);
        }
    }

    /** One certificate this CA signed, with its key, as files and as a server context. */
    public static final class Issued {
        public final Path chainPem;
        public final Path keyPem;
        public final Path pkcs12;
        private final PrivateKey key;
        private final Certificate[] chain;

        Issued(Path chainPem, Path keyPem, Path pkcs12, PrivateKey key, Certificate[] chain) {
            this.chainPem = chainPem;
            this.keyPem = keyPem;
            this.pkcs12 = pkcs12;
            this.key = key;
            this.chain = chain;
        }

        /** A context presenting this certificate (for a JDK test server); it trusts the JDK's defaults. */
        public SSLContext serverContext() throws Exception {
            return context(null);
        }

        /** A context presenting this certificate that trusts only its CA (for a server that asks for client certificates). */
        public SSLContext serverContextTrustingItsCa() throws Exception {
            KeyStore trust = KeyStore.getInstance("PKCS12");
            trust.load(null, null);
            trust.setCertificateEntry("ca", chain[chain.length - 1]);
            TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            tmf.init(trust);
            return context(tmf.getTrustManagers());
        }

        private SSLContext context(TrustManager[] trust) throws Exception {
            KeyStore store = KeyStore.getInstance("PKCS12");
            store.load(null, null);
            store.setKeyEntry("server", key, PASSWORD.toCharArray(), chain);
            KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            kmf.init(store, PASSWORD.toCharArray());
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(kmf.getKeyManagers(), trust, null);
            return context;
        }
    }
}
