package io.stressgate.engine.scenario;

import java.net.URI;
import java.util.Locale;
import java.util.Map;

/**
 * The scenario's {@code tls:} block: the options for every https origin, and per origin
 * ({@code "https://host:port"}) the options that origin uses instead, already merged with the shared ones.
 */
public record TlsSpec(TlsOptions shared, Map<String, TlsOptions> origins) {
    /** No {@code tls:} block: every https origin is reached with the JDK's defaults. */
    public static final TlsSpec NONE = new TlsSpec(TlsOptions.DEFAULTS, Map.of());

    public TlsSpec {
        origins = Map.copyOf(origins);
    }

    /** The options for requests to {@code origin} (scheme, host and port, as a request's origin is written). */
    public TlsOptions forOrigin(URI origin) {
        return origins.getOrDefault(key(origin), shared);
    }

    /** How an origin is looked up: scheme and host in lower case, the port always written. */
    static String key(URI origin) {
        return RequestReader.origin(origin).toString().toLowerCase(Locale.ROOT);
    }
}
