package io.stressgate.engine.metrics;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import oshi.SystemInfo;
import oshi.hardware.CentralProcessor;
import oshi.hardware.CentralProcessor.TickType;
import oshi.hardware.GlobalMemory;
import oshi.util.GlobalConfig;
import oshi.util.Memoizer;

/**
 * Reads the machine through OSHI, for platforms without {@code /proc}. OSHI caches CPU ticks and memory for
 * {@code oshi.util.memoizer.expiration} (300 ms by default), which would repeat values at 10 Hz, so the
 * constructor lowers that JVM-wide setting to half the sampling interval before it creates OSHI's objects.
 */
final class OshiMachineReader implements MachineReader {
    private static final Logger LOG = LoggerFactory.getLogger(OshiMachineReader.class);

    private final CentralProcessor cpu;
    private final GlobalMemory memory;

    OshiMachineReader(Duration interval) {
        freshen(interval);
        var hardware = new SystemInfo().getHardware();
        this.cpu = hardware.getProcessor();
        this.memory = hardware.getMemory();
    }

    /**
     * Lowers OSHI's cache expiry to half the interval (never raises it). OSHI itself remembers the setting for a
     * minute after it first reads it, so a JVM that used OSHI earlier keeps the old expiry that long: say so.
     */
    static void freshen(Duration interval) {
        long wantedMillis = Math.max(0, interval.toMillis() / 2);
        int current = GlobalConfig.get(GlobalConfig.OSHI_UTIL_MEMOIZER_EXPIRATION, 300);
        if (current < 0 || current > wantedMillis) {
            GlobalConfig.set(GlobalConfig.OSHI_UTIL_MEMOIZER_EXPIRATION, (int) wantedMillis);
        }
        long effectiveMillis = TimeUnit.NANOSECONDS.toMillis(Memoizer.defaultExpiration());
        if (effectiveMillis > wantedMillis) {
            LOG.warn("OSHI caches readings for {} ms (oshi.util.memoizer.expiration was read before sampling "
                    + "lowered it to {} ms); machine samples may repeat for up to a minute", effectiveMillis, wantedMillis);
        }
    }

    @Override
    public MachineSample read() {
        long[] ticks = cpu.getSystemCpuLoadTicks();
        long total = 0;
        for (long t : ticks) {
            total += t;
        }
        long idle = ticks[TickType.IDLE.getIndex()] + ticks[TickType.IOWAIT.getIndex()];
        double[] load = cpu.getSystemLoadAverage(1);
        long memTotal = memory.getTotal();
        return new MachineSample(total - idle, total, memTotal, memory.getAvailable(),
                memory.getVirtualMemory().getSwapUsed(), load[0] < 0 ? Double.NaN : load[0]);
    }
}
