package io.stressgate.engine.scenario;

import java.time.Duration;

/**
 * How the generator runs: event-loop threads (0 = one per core), the time-series resolution, how long in-flight
 * iterations may finish after a phase ends, how long queues and jobs may take to drain after the load, and
 * whether the generator warms its own code on loopback (never the target) before the clock starts, and whether
 * https certificates and host names are verified (turn off only for a self-signed staging certificate), the
 * scenario's {@code tls:} block (CA bundle, client certificate, SNI, versions and suites, per origin), the transport
 * (the compression asked for and the proxy), the client's rules (where redirects may lead and whether virtual users
 * keep cookies), and which HTTP version the load client speaks.
 */
public record RunOptions(int threads, Duration interval, Duration gracefulStop, Duration drainTimeout, boolean warmup,
                         boolean tlsVerify, TlsSpec tls, TransportOptions transport, ClientOptions client, HttpOptions http) {
    public static final RunOptions DEFAULTS = new RunOptions(0, Duration.ofSeconds(1), Duration.ofSeconds(30),
            Duration.ofSeconds(60), true, true);

    /** Options of an HTTP/1.1 client without a {@code tls:} block, with the default transport and client rules. */
    public RunOptions(int threads, Duration interval, Duration gracefulStop, Duration drainTimeout, boolean warmup,
                      boolean tlsVerify) {
        this(threads, interval, gracefulStop, drainTimeout, warmup, tlsVerify, TlsSpec.NONE, TransportOptions.DEFAULTS,
                ClientOptions.DEFAULTS, HttpOptions.HTTP_1_1);
    }

    /** The same options with this {@code tls:} block. */
    public RunOptions withTls(TlsSpec spec) {
        return new RunOptions(threads, interval, gracefulStop, drainTimeout, warmup, tlsVerify, spec, transport, client, http);
    }
}
