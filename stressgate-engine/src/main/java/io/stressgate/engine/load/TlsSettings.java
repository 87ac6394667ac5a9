package io.stressgate.engine.load;

import io.stressgate.engine.scenario.TlsOptions;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.SecureRandom;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.util.List;
import javax.net.ssl.KeyManager;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SNIHostName;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509TrustManager;

/**
 * How one https origin is reached: the context (the JDK's trust store, with the scenario's CA bundle added, and
 * the client certificate if any; or no certificate check at all when the scenario turns verification off), the
 * SNI name to send and verify instead of the URL's host, and the versions and cipher suites to offer (empty: the
 * JDK's defaults). {@link #engine} makes the client engine of one connection with all of it applied; a protocol that
 * needs more (ALPN for HTTP/2) sets it on that engine's parameters before the handshake begins.
 */
record TlsSettings(SSLContext context, boolean verify, String serverName, List<String> versions, List<String> cipherSuites) {
    static TlsSettings of(boolean verify) {
        return of(TlsOptions.DEFAULTS, verify);
    }

    /** Settings for an origin with these options; verification off ignores the CA bundle, never the client certificate. */
    static TlsSettings of(TlsOptions options, boolean verify) {
        try {
            boolean plain = options.extraTrust().isEmpty() && options.clientCert() == null;
            SSLContext context;
            if (verify && plain) {
                context = SSLContext.getDefault();
            } else {
                context = SSLContext.getInstance("TLS");
                TrustManager[] trust = !verify ? new TrustManager[] {new TrustingManager()}
                        : options.extraTrust().isEmpty() ? null : trustAdding(options.extraTrust());
                context.init(keys(options.clientCert()), trust, new SecureRandom());
            }
            return new TlsSettings(context, verify, options.serverName(), options.versions(), options.cipherSuites());
        } catch (GeneralSecurityException | java.io.IOException e) {
            throw new IllegalStateException("cannot set up TLS with " + options + ": " + e.getMessage(), e);
        }
    }

    /** A client engine for a connection to {@code host} (as the URL writes it) and {@code port}. */
    SSLEngine engine(String host, int port) {
        String bare = host.startsWith("[") ? host.substring(1, host.length() - 1) : host;
        String name = serverName != null ? serverName : bare;
        SSLEngine engine = context.createSSLEngine(name, port);
        engine.setUseClientMode(true);
        SSLParameters params = engine.getSSLParameters();
        if (verify) {
            params.setEndpointIdentificationAlgorithm("HTTPS"); // checks the SNI name when one is sent, else the host
        }
        if (serverName != null || !bare.isEmpty() && Character.isLetter(bare.charAt(bare.length() - 1))) {
            params.setServerNames(List.of(new SNIHostName(name))); // never an IP address: SNI cannot carry one
        }
        if (!versions.isEmpty()) {
            params.setProtocols(versions.toArray(String[]::new));
        }
        if (!cipherSuites.isEmpty()) {
            params.setCipherSuites(cipherSuites.toArray(String[]::new));
        }
        engine.setSSLParameters(params);
        return engine;
    }

    private static KeyManager[] keys(TlsOptions.ClientIdentity identity) throws GeneralSecurityException, java.io.IOException {
        if (identity == null) {
            return null;
        }
        KeyStore store = KeyStore.getInstance("PKCS12");
        store.load(null, null);
        char[] none = new char[0];
        store.setKeyEntry("client", identity.key(), none, identity.chain().toArray(Certificate[]::new));
        KeyManagerFactory factory = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        factory.init(store, none);
        return factory.getKeyManagers();
    }

    /** The JDK's trusted certificates and the bundle's, so that public and private origins both verify. */
    static TrustManager[] trustAdding(List<X509Certificate> bundle) throws GeneralSecurityException, java.io.IOException {
        TrustManagerFactory jdk = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        jdk.init((KeyStore) null);
        KeyStore store = KeyStore.getInstance("PKCS12");
        store.load(null, null);
        int i = 0;
        for (TrustManager m : jdk.getTrustManagers()) {
            if (m instanceof X509TrustManager x509) {
                for (X509Certificate c : x509.getAcceptedIssuers()) {
                    store.setCertificateEntry("jdk-" + i++, c);
                }
            }
        }
        for (X509Certificate c : bundle) {
            store.setCertificateEntry("bundle-" + i++, c);
        }
        TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        factory.init(store);
        return factory.getTrustManagers();
    }

    /** Accepts every certificate: only ever used when a scenario sets tlsVerify: false. */
    private static final class TrustingManager implements X509TrustManager {
        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType) {
            // a client never presents a certificate to the generator
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType) {
            // verification was turned off by the scenario on purpose
        }

        @Override
        public X509Certificate[] getAcceptedIssuers() {
            return new X509Certificate[0];
        }
    }
}
