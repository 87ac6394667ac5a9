package io.stressgate.engine.process;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;

/**
 * Reads {@code /proc} (or a directory laid out like it). Processes come and go while they are read, so a file that
 * vanishes or cannot be read means "no such process" or "unknown" (empty), never an exception; the text itself is
 * parsed by {@link ProcParser}.
 */
public final class ProcFs {
    private static final int MAX_PIDS = 1 << 22;

    private final Path root;

    public ProcFs(Path root) {
        this.root = root;
    }

    /** The machine's {@code /proc}. */
    public static ProcFs system() {
        return new ProcFs(Path.of("/proc"));
    }

    /** Every pid listed now, in no particular order. */
    public List<Long> pids() {
        List<Long> pids = new ArrayList<>();
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(root)) {
            for (Path entry : entries) {
                String name = entry.getFileName().toString();
                if (!name.isEmpty() && name.length() < 11 && name.chars().allMatch(Character::isDigit) && pids.size() < MAX_PIDS) {
                    pids.add(Long.parseLong(name));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list the processes in " + root, e);
        }
        return pids;
    }

    public Optional<ProcStat> stat(long pid) {
        return text(pid, "stat").map(ProcParser::stat);
    }

    /**
     * The CPU time (user plus system, in clock ticks) the process {@code key} names has used, from one read of its
     * stat file; empty when it is gone or its pid now belongs to another process.
     */
    public java.util.OptionalLong cpuTicks(ProcessKey key) {
        Optional<String> text = text(key.pid(), "stat");
        if (text.isEmpty() || ProcParser.stat(text.get()).startTicks() != key.startTicks()) {
            return java.util.OptionalLong.empty();
        }
        return java.util.OptionalLong.of(ProcParser.cpuTicks(text.get()));
    }

    /** The process with its uid and command line, or empty when it is gone. */
    public Optional<ProcessInfo> process(long pid) {
        Optional<ProcStat> stat = stat(pid);
        Optional<Integer> uid = text(pid, "status").map(ProcParser::realUid);
        if (stat.isEmpty() || uid.isEmpty()) {
            return Optional.empty();
        }
        List<String> cmdline = bytes(pid, "cmdline").map(ProcParser::cmdline).orElse(List.of());
        return Optional.of(new ProcessInfo(stat.get(), uid.get(), cmdline));
    }

    /** The process's arguments, or empty when it is gone or has none (a kernel thread, a zombie). */
    public List<String> cmdline(long pid) {
        return bytes(pid, "cmdline").map(ProcParser::cmdline).orElse(List.of());
    }

    /** Some variables of the process's initial environment; empty when it cannot be read (gone, zombie, no access). */
    public Map<String, String> environ(long pid, Set<String> names) {
        return bytes(pid, "environ").map(b -> ProcParser.environ(b, names)).orElse(Map.of());
    }

    /** How many fds the process has open, or empty when they cannot be listed. */
    public OptionalInt fdCount(long pid) {
        List<String> targets = fdTargets(pid);
        return targets == null ? OptionalInt.empty() : OptionalInt.of(targets.size());
    }

    /** What each open fd points to ({@code /tmp/x}, {@code socket:[123]}, {@code pipe:[9]}); null when unreadable. */
    public List<String> fdTargets(long pid) {
        List<String> targets = new ArrayList<>();
        try (DirectoryStream<Path> fds = Files.newDirectoryStream(root.resolve(Long.toString(pid)).resolve("fd"))) {
            for (Path fd : fds) {
                try {
                    targets.add(Files.readSymbolicLink(fd).toString());
                } catch (IOException e) {
                    targets.add("?"); // the fd closed between listing and reading: it was open when listed
                }
            }
        } catch (IOException | UncheckedIOException e) {
            return null;
        }
        return targets;
    }

    /** Every TCP socket in LISTEN state on the machine (IPv4 and IPv6), by socket inode. */
    public Map<Long, ListeningSocket> listening() {
        Map<Long, ListeningSocket> byInode = new HashMap<>();
        for (String table : List.of("net/tcp", "net/tcp6")) {
            readText(root.resolve(table)).ifPresent(t -> ProcParser.listening(t).forEach(s -> byInode.put(s.inode(), s)));
        }
        return byInode;
    }

    /** The listening sockets a process holds through its fds. */
    public List<ListeningSocket> listening(long pid, Map<Long, ListeningSocket> all) {
        List<String> targets = fdTargets(pid);
        if (targets == null) {
            return List.of();
        }
        Set<Long> seen = new HashSet<>();
        List<ListeningSocket> held = new ArrayList<>();
        for (String target : targets) {
            ProcParser.socketInode(target).ifPresent(inode -> {
                ListeningSocket socket = all.get(inode);
                if (socket != null && seen.add(inode)) {
                    held.add(socket);
                }
            });
        }
        return held;
    }

    /** This boot's id, which tells start times of different boots apart; empty when the kernel does not say. */
    public String bootId() {
        return readText(root.resolve("sys/kernel/random/boot_id")).map(String::trim).orElse("");
    }

    /** A snapshot of every process's stat line: cheap enough to take at every sample. */
    public ProcessTable table() {
        Map<Long, ProcStat> stats = new HashMap<>();
        for (long pid : pids()) {
            stat(pid).ifPresent(s -> stats.put(pid, s));
        }
        return new ProcessTable(stats);
    }

    private Optional<String> text(long pid, String file) {
        return readText(root.resolve(Long.toString(pid)).resolve(file));
    }

    private Optional<byte[]> bytes(long pid, String file) {
        try {
            return Optional.of(Files.readAllBytes(root.resolve(Long.toString(pid)).resolve(file)));
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    private static Optional<String> readText(Path file) {
        try {
            return Optional.of(new String(Files.readAllBytes(file), StandardCharsets.UTF_8));
        } catch (IOException e) {
            return Optional.empty(); // gone, or not ours to read: both mean "not known"
        }
    }
}
