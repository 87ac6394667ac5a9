package io.stressgate.engine.load;

import io.stressgate.engine.scenario.TlsSpec;
import java.util.Collection;
import java.util.concurrent.atomic.AtomicReference;
import javax.net.ssl.SSLException;

/**
 * The TLS settings of each https origin of a run (by origin id), shared by its event loops, and the first TLS
 * failure of the run with its origin and the JDK's reason, so that a run whose requests fail as {@code tls} says why.
 */
final class TlsProfiles {
    private static final int MAX_REASON = 500;
    private final TlsSettings[] byOrigin;
    private final TlsSettings fallback;
    private final AtomicReference<String> firstFailure = new AtomicReference<>();

    private TlsProfiles(TlsSettings[] byOrigin, TlsSettings fallback) {
        this.byOrigin = byOrigin;
        this.fallback = fallback;
    }

    /** Settings for every https origin from the scenario's {@code tls:} block and {@code tlsVerify}. */
    static TlsProfiles of(Collection<Origin> origins, TlsSpec spec, boolean verify) {
        TlsSettings shared = TlsSettings.of(spec.shared(), verify);
        TlsSettings[] byOrigin = new TlsSettings[origins.size()];
        for (Origin o : origins) {
            if (o.tls()) {
                var options = spec.forOrigin(o.uri);
                byOrigin[o.id] = options == spec.shared() ? shared : TlsSettings.of(options, verify);
            }
        }
        return new TlsProfiles(byOrigin, shared);
    }

    TlsSettings forOrigin(Origin origin) {
        TlsSettings s = origin.id < byOrigin.length ? byOrigin[origin.id] : null;
        return s != null ? s : fallback;
    }

    /** Notes a TLS failure; only the first of the run is kept (failures are rare, so this is off the hot path). */
    void failed(Origin origin, SSLException e) {
        if (firstFailure.get() == null) {
            Throwable root = e;
            while (root.getCause() != null && root.getCause() != root && root.getMessage() == null) {
                root = root.getCause();
            }
            String reason = origin + ": " + root.getMessage();
            firstFailure.compareAndSet(null, reason.length() > MAX_REASON ? reason.substring(0, MAX_REASON) + "..." : reason);
        }
    }

    /** The first TLS failure of the run ("origin: reason"), or null when none failed. */
    String firstFailure() {
        return firstFailure.get();
    }
}
