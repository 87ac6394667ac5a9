package io.stressgate.engine.scenario;

import java.net.URI;
import java.util.List;

/**
 * How the load client behaves like a browser: the origins other than a request's own that its redirects may lead to
 * (each {@code scheme://host:port}), and whether each virtual user keeps the cookies its responses set.
 */
public record ClientOptions(List<URI> allowedOrigins, boolean cookies) {
    /** Redirects only within a request's own origin; cookies kept. */
    public static final ClientOptions DEFAULTS = new ClientOptions(List.of(), true);

    public ClientOptions {
        allowedOrigins = List.copyOf(allowedOrigins);
    }
}
