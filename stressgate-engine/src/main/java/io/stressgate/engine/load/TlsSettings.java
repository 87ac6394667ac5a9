package io.stressgate.engine.load;

import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509TrustManager;

/**
 * How https targets are reached: the JDK's trust store with host-name verification, or, when the scenario turns
 * verification off (a self-signed staging certificate), no certificate check at all.
 */
record TlsSettings(SSLContext context, boolean verify) {
    static TlsSettings of(boolean verify) {
        try {
            if (verify) {
                return new TlsSettings(SSLContext.getDefault(), true);
            }
            SSLContext trustAll = SSLContext.getInstance("TLS");
            trustAll.init(null, new TrustManager[] {new TrustingManager()}, new SecureRandom());
            return new TlsSettings(trustAll, false);
        } catch (NoSuchAlgorithmException | java.security.KeyManagementException e) {
            throw new IllegalStateException("the JDK offers no TLS context", e);
        }
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
