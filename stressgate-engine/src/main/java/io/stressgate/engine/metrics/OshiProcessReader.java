package io.stressgate.engine.metrics;

import java.util.function.LongConsumer;
import oshi.SystemInfo;
import oshi.software.os.OSProcess;
import oshi.software.os.OperatingSystem;

/**
 * Reads processes through OSHI, for platforms without {@code /proc}. Each read builds a fresh {@link OSProcess},
 * so no cached value is returned; it costs more than {@link ProcProcessReader} (see the sampler cost test).
 */
final class OshiProcessReader implements ProcessReader {
    private final OperatingSystem os = new SystemInfo().getOperatingSystem();

    @Override
    public ProcessSample read(long pid) {
        if (pid > Integer.MAX_VALUE) {
            return null;
        }
        OSProcess p = os.getProcess((int) pid);
        if (p == null || p.getState() == OSProcess.State.INVALID || p.getState() == OSProcess.State.ZOMBIE) {
            return null;
        }
        long cpuNanos = (p.getUserTime() + p.getKernelTime()) * 1_000_000L;
        long fds = p.getOpenFiles();
        return new ProcessSample(pid, p.getStartTime(), cpuNanos, p.getResidentSetSize(), p.getThreadCount(),
                fds < 0 ? -1 : fds);
    }

    @Override
    public void children(ProcessSample process, LongConsumer children) {
        for (OSProcess child : os.getChildProcesses((int) process.pid(), OperatingSystem.ProcessFiltering.ALL_PROCESSES,
                OperatingSystem.ProcessSorting.NO_SORTING, 0)) {
            children.accept(child.getProcessID());
        }
    }
}
