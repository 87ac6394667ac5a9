package io.stressgate.engine.scenario;

import java.time.Duration;

/**
 * How the generator runs: event-loop threads (0 = one per core), the time-series resolution, how long in-flight
 * iterations may finish after a phase ends, how long queues and jobs may take to drain after the load, and
 * whether the generator warms its own code on loopback (never the target) before the clock starts, and whether
 * https certificates and host names are verified (turn off only for a self-signed staging certificate), and the
 * scenario's {@code tls:} block (CA bundle, client certificate, SNI, versions and suites, per origin), and the
 * transport: the compression asked for and the proxy.
 */
public record RunOptions(int threads, Duration interval, Duration gracefulStop, Duration drainTimeout, boolean warmup,
                         boolean tlsVerify, TlsSpec tls, TransportOptions transport) {
    public static final RunOptions DEFAULTS = new RunOptions(0, Duration.ofSeconds(1), Duration.ofSeconds(30),
            Duration.ofSeconds(60), true, true);

    /** Options without a {@code tls:} block, with the default transport. */
    public RunOptions(int threads, Duration interval, Duration gracefulStop, Duration drainTimeout, boolean warmup,
                      boolean tlsVerify) {
        this(threads, interval, gracefulStop, drainTimeout, warmup, tlsVerify, TlsSpec.NONE, TransportOptions.DEFAULTS);
    }

    /** Options without a {@code tls:} block. */
    public RunOptions(int threads, Duration interval, Duration gracefulStop, Duration drainTimeout, boolean warmup,
                      boolean tlsVerify, TransportOptions transport) {
        this(threads, interval, gracefulStop, drainTimeout, warmup, tlsVerify, TlsSpec.NONE, transport);
    }

    /** The same options with this {@code tls:} block. */
    public RunOptions withTls(TlsSpec spec) {
        return new RunOptions(threads, interval, gracefulStop, drainTimeout, warmup, tlsVerify, spec, transport);
    }
}
