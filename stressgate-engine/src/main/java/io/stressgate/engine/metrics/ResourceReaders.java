package io.stressgate.engine.metrics;

import java.time.Duration;
import oshi.software.os.linux.LinuxOperatingSystem;

/** Picks how this machine is read: {@code /proc} on Linux, OSHI elsewhere. */
public record ResourceReaders(ProcessReader processes, MachineReader machine) {
    private static final String PROC = "/proc/";

    /** The cheapest readers that work here; {@code interval} tunes OSHI's cache when OSHI is used. */
    public static ResourceReaders forThisMachine(Duration interval) {
        if (ProcFileReader.available(PROC)) {
            return procFs();
        }
        return oshi(interval);
    }

    /** Readers over Linux {@code /proc}. */
    public static ResourceReaders procFs() {
        return new ResourceReaders(new ProcProcessReader(PROC, LinuxOperatingSystem.getHz(),
                LinuxOperatingSystem.getPageSize()), new ProcMachineReader(PROC));
    }

    /** Readers through OSHI, with its cache lowered for {@code interval}. */
    public static ResourceReaders oshi(Duration interval) {
        return new ResourceReaders(new OshiProcessReader(), new OshiMachineReader(interval));
    }
}
