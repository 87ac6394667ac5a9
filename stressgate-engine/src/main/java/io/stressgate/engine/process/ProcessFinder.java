package io.stressgate.engine.process;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Finds the processes a {@link ProcessQuery} describes. Like {@code pgrep}, the tool's own process never matches a
 * name, pattern or port (its own command line holds the pattern); asked for by pid, it is returned so that the
 * safety rules refuse it by name.
 */
public final class ProcessFinder {
    private static final Logger LOG = LoggerFactory.getLogger(ProcessFinder.class);
    private static final int MAX_PID_FILE = 64;

    private final ProcFs proc;
    private final long selfPid;

    public ProcessFinder(ProcFs proc, long selfPid) {
        this.proc = proc;
        this.selfPid = selfPid;
    }

    /** The processes matching every criterion of the query, by pid. */
    public List<ProcessInfo> find(ProcessQuery query) {
        List<Long> candidates = query.pids().isEmpty() ? proc.pids() : query.pids().stream().filter(p -> p > 0).toList();
        if (query.pidFile() != null) {
            Optional<Long> pid = readPidFile(query.pidFile());
            candidates = candidates.stream().filter(p -> pid.isPresent() && p.equals(pid.get())).toList();
        }
        Set<Long> portHolders = query.port() == null ? null : holders(query.port());
        List<ProcessInfo> found = new ArrayList<>();
        for (long pid : candidates) {
            if (portHolders != null && !portHolders.contains(pid) || !cmdlineMayMatch(pid, query)) {
                continue;
            }
            proc.process(pid).filter(p -> matches(p, query)).ifPresent(found::add);
        }
        found.sort(Comparator.comparingLong(ProcessInfo::pid));
        return found;
    }

    /**
     * Whether the command line alone lets the process match: read before the other two files, so that a scan for
     * a pattern reads one file of each process that does not match instead of three.
     */
    private boolean cmdlineMayMatch(long pid, ProcessQuery query) {
        if (query.cmdline() == null) {
            return true;
        }
        List<String> args = proc.cmdline(pid);
        return !args.isEmpty() && query.cmdline().matcher(String.join(" ", args)).find();
    }

    /** The given processes and all their descendants, each once, parents first. */
    public List<ProcessInfo> withDescendants(List<ProcessInfo> roots) {
        ProcessTable table = proc.table();
        Map<Long, ProcessInfo> all = new LinkedHashMap<>();
        for (ProcessInfo root : roots) {
            all.putIfAbsent(root.pid(), root);
            for (ProcStat child : table.descendants(root.pid())) {
                if (!all.containsKey(child.pid())) {
                    proc.process(child.pid()).ifPresent(p -> all.put(p.pid(), p));
                }
            }
        }
        return List.copyOf(all.values());
    }

    private boolean matches(ProcessInfo p, ProcessQuery query) {
        boolean byPid = !query.pids().isEmpty();
        if (p.pid() == selfPid && !byPid) {
            return false;
        }
        if (query.exe() != null && !exeMatches(p, query.exe())) {
            return false;
        }
        return query.cmdline() == null || !p.cmdline().isEmpty() && query.cmdline().matcher(p.commandLine()).find();
    }

    /** The program name as the kernel keeps it (15 characters), or the file name of the first argument. */
    static boolean exeMatches(ProcessInfo p, String exe) {
        String argv0 = p.cmdline().isEmpty() ? "" : baseName(p.cmdline().get(0));
        return p.stat().comm().equals(exe) || argv0.equals(exe);
    }

    private static String baseName(String path) {
        int slash = path.lastIndexOf('/');
        return slash < 0 ? path : path.substring(slash + 1);
    }

    private Set<Long> holders(int port) {
        Map<Long, ListeningSocket> listening = proc.listening();
        Set<Long> inodes = listening.values().stream().filter(s -> s.port() == port).map(ListeningSocket::inode)
                .collect(Collectors.toSet());
        if (inodes.isEmpty()) {
            return Set.of();
        }
        return proc.pids().stream().filter(pid -> pid != selfPid)
                .filter(pid -> proc.listening(pid, listening).stream().anyMatch(s -> inodes.contains(s.inode())))
                .collect(Collectors.toSet());
    }

    private static Optional<Long> readPidFile(Path file) {
        try {
            if (Files.size(file) > MAX_PID_FILE) {
                LOG.warn("pid file {} is larger than {} bytes; it is not a pid file", LogSafe.text(file), MAX_PID_FILE);
                return Optional.empty();
            }
            String text = new String(Files.readAllBytes(file), StandardCharsets.US_ASCII).trim();
            return Optional.of(Long.parseLong(text.split("\\s+")[0]));
        } catch (IOException | NumberFormatException e) {
            LOG.warn("pid file {} holds no pid: {}", LogSafe.text(file), LogSafe.text(e));
            return Optional.empty();
        }
    }
}
