package io.stressgate.engine.scenario;

import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.util.List;

/**
 * How the load client speaks TLS to one https origin: certificate authorities trusted besides the JDK's own, the
 * client certificate it presents when the server asks for one (mTLS), the name it sends as SNI and verifies the
 * server's certificate against instead of the URL's host, and the protocol versions and cipher suites it offers
 * (empty: the JDK's defaults). Files are read when the scenario is validated, so a run never starts with a key it
 * cannot use.
 */
public record TlsOptions(List<X509Certificate> extraTrust, ClientIdentity clientCert, String serverName,
                         List<String> versions, List<String> cipherSuites) {
    /** The JDK's trust store, no client certificate, the URL's host as SNI, the JDK's versions and suites. */
    public static final TlsOptions DEFAULTS = new TlsOptions(List.of(), null, null, List.of(), List.of());

    public TlsOptions {
        extraTrust = List.copyOf(extraTrust);
        versions = List.copyOf(versions);
        cipherSuites = List.copyOf(cipherSuites);
    }

    /** A private key with the certificate chain that goes with it (leaf first), and the file(s) it came from. */
    public record ClientIdentity(PrivateKey key, List<X509Certificate> chain, String source) {
        public ClientIdentity {
            chain = List.copyOf(chain);
        }

        @Override
        public String toString() {
            return "client certificate " + chain.get(0).getSubjectX500Principal().getName() + " from " + source;
        }
    }
}
