package io.stressgate.engine.result;

/**
 * What the load generator itself cost and whether it kept up: CPU use of its process (percent of one core),
 * CPU microseconds per request, the busiest event loop, how late the open model started iterations, the
 * connections it opened (and how many of them ahead of the open-model load), heap after the run, and whether it was
 * saturated (then its figures measure itself more than the target); a reason without saturation says why its
 * starts were late although its own loops were idle. {@code tlsFailure} is the first request that failed as
 * {@code tls} (origin and the JDK's reason), null when none did and in results written before it was kept.
 */
public record GeneratorInfo(String version, int threads, int cores, double cpuPercent, double cpuMicrosPerRequest,
                            double busiestLoopPercent, double scheduleLagP99Ms, long connectionsOpened, int preconnected,
                            long heapUsedBytes, boolean saturated, String saturationReason, String tlsFailure) {

    /** Figures without a TLS failure. */
    public GeneratorInfo(String version, int threads, int cores, double cpuPercent, double cpuMicrosPerRequest,
                         double busiestLoopPercent, double scheduleLagP99Ms, long connectionsOpened, int preconnected,
                         long heapUsedBytes, boolean saturated, String saturationReason) {
        this(version, threads, cores, cpuPercent, cpuMicrosPerRequest, busiestLoopPercent, scheduleLagP99Ms,
                connectionsOpened, preconnected, heapUsedBytes, saturated, saturationReason, null);
    }
}
