package io.stressgate.server;

import io.stressgate.engine.regression.RegressionPolicy;
import io.stressgate.engine.result.ResultsReader;
import io.stressgate.engine.scenario.Rate;
import io.stressgate.server.store.StoreConfig;
import java.nio.file.Path;
import java.time.Duration;

/**
 * How the service runs: where it listens, its store and where SQLite backups go, the body limits (on the wire and
 * inflated), how many uploads are stored at once, each token's upload rate and burst, whether reading needs a token,
 * how long a stop waits for requests in flight, and the regression policy of the release gate.
 */
public record ServerConfig(String host, int port, StoreConfig store, Path backupDir, long maxBodyBytes,
                           long maxDecompressedBytes, int ingestSlots, Rate writeRate, int writeBurst, boolean readsNeedToken,
                           Duration drainTimeout, RegressionPolicy policy) {
    public ServerConfig {
        if (port < 0 || port > 65_535) {
            throw new IllegalArgumentException("port " + port + " is not from 0 to 65535");
        }
        if (maxBodyBytes < 1 || maxDecompressedBytes < 1 || ingestSlots < 1 || writeBurst < 1 || writeRate.perSecond() <= 0) {
            throw new IllegalArgumentException("limits must be positive: body " + maxBodyBytes + ", inflated " + maxDecompressedBytes
                    + ", slots " + ingestSlots + ", rate " + writeRate + ", burst " + writeBurst);
        }
    }

    /**
     * Defaults: the results reader's size limit on the wire and inflated, four uploads stored at once, 20 uploads a
     * second per token with bursts of 40, open reads, 20 s to drain, the default regression policy.
     */
    public static ServerConfig defaults(String host, int port, StoreConfig store, Path backupDir) {
        long max = ResultsReader.Limits.DEFAULT.maxBytes();
        return new ServerConfig(host, port, store, backupDir, max, max, 4, new Rate(20), 40, false, Duration.ofSeconds(20),
                RegressionPolicy.DEFAULT);
    }

    public ServerConfig withWriteRate(Rate rate, int burst) {
        return new ServerConfig(host, port, store, backupDir, maxBodyBytes, maxDecompressedBytes, ingestSlots, rate, burst,
                readsNeedToken, drainTimeout, policy);
    }

    public ServerConfig withReadsNeedToken(boolean needed) {
        return new ServerConfig(host, port, store, backupDir, maxBodyBytes, maxDecompressedBytes, ingestSlots, writeRate,
                writeBurst, needed, drainTimeout, policy);
    }

    public ServerConfig withBodyLimits(long wire, long inflated) {
        return new ServerConfig(host, port, store, backupDir, wire, inflated, ingestSlots, writeRate, writeBurst,
                readsNeedToken, drainTimeout, policy);
    }
}
