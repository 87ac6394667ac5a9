package io.stressgate.engine.metrics;

import io.stressgate.engine.result.OomKills;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * Finds and reads the OOM-kill counter of a process's memory cgroup: {@code oom_kill} in {@code memory.oom_control}
 * under the cgroup v1 memory controller, else in {@code memory.events} of its cgroup v2 group. Reading is separate
 * from parsing, so parsing is tested on text fixtures and the roots point at fixture folders.
 */
final class CgroupOomReader {
    /** An OOM-kill counter file and what it is. */
    record Counter(Path file, String source) {
    }

    /** A cgroup path as /proc/PID/cgroup gives it, with its version (1 for the v1 memory controller, 2 for v2). */
    record CgroupPath(int version, String path) {
    }

    private final Path proc;
    private final Path cgroupRoot;

    /** @param proc the proc file system ({@code /proc}); @param cgroupRoot where cgroups are mounted ({@code /sys/fs/cgroup}) */
    CgroupOomReader(Path proc, Path cgroupRoot) {
        this.proc = proc;
        this.cgroupRoot = cgroupRoot;
    }

    static CgroupOomReader forThisMachine() {
        return new CgroupOomReader(Path.of("/proc"), Path.of("/sys/fs/cgroup"));
    }

    /** The counter of the memory cgroup {@code pid} is in, or empty when its cgroup or counter cannot be read. */
    Optional<Counter> counterOf(long pid) {
        String text;
        try {
            text = Files.readString(proc.resolve(Long.toString(pid)).resolve("cgroup"), StandardCharsets.UTF_8);
        } catch (IOException e) {
            return Optional.empty();
        }
        Optional<CgroupPath> path = memoryCgroup(text);
        if (path.isEmpty()) {
            return Optional.empty();
        }
        String relative = path.get().path().replaceFirst("^/+", "");
        if (path.get().version() == 1) {
            return readable(cgroupRoot.resolve("memory").resolve(relative).resolve("memory.oom_control"), OomKills.CGROUP_V1);
        }
        Optional<Counter> unified = readable(cgroupRoot.resolve(relative).resolve("memory.events"), OomKills.CGROUP_V2);
        return unified.isPresent() ? unified
                : readable(cgroupRoot.resolve("unified").resolve(relative).resolve("memory.events"), OomKills.CGROUP_V2);
    }

    private Optional<Counter> readable(Path file, String source) {
        return read(file).isPresent() ? Optional.of(new Counter(file.normalize(), source)) : Optional.empty();
    }

    /** The {@code oom_kill} count a counter file holds now, or empty when it cannot be read or holds none. */
    OptionalLong read(Path file) {
        try {
            return oomKill(Files.readString(file, StandardCharsets.UTF_8));
        } catch (IOException e) {
            return OptionalLong.empty();
        }
    }

    /**
     * The memory cgroup in the text of /proc/PID/cgroup: the v1 line naming the {@code memory} controller when there
     * is one (its controller owns the limits), else the v2 line {@code 0::/path}.
     */
    static Optional<CgroupPath> memoryCgroup(String procCgroup) {
        String unified = null;
        for (String line : procCgroup.split("\n")) {
            String[] f = line.trim().split(":", 3);
            if (f.length < 3) {
                continue;
            }
            if (f[0].equals("0") && f[1].isEmpty()) {
                unified = f[2];
            }
            for (String controller : f[1].split(",")) {
                if (controller.equals("memory")) {
                    return Optional.of(new CgroupPath(1, f[2]));
                }
            }
        }
        return unified == null ? Optional.empty() : Optional.of(new CgroupPath(2, unified));
    }

    /** The {@code oom_kill N} line of memory.events (v2) or memory.oom_control (v1). */
    static OptionalLong oomKill(String counters) {
        for (String line : counters.split("\n")) {
            String[] f = line.trim().split("\\s+");
            if (f.length == 2 && f[0].equals("oom_kill") && f[1].matches("\\d{1,18}")) {
                return OptionalLong.of(Long.parseLong(f[1]));
            }
        }
        return OptionalLong.empty();
    }
}
