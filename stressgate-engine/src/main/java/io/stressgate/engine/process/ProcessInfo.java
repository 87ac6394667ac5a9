package io.stressgate.engine.process;

import java.util.List;

/** One process as read from {@code /proc}: its stat fields, its real user id and its command line. */
public record ProcessInfo(ProcStat stat, int uid, List<String> cmdline) {
    public ProcessInfo {
        cmdline = List.copyOf(cmdline);
    }

    public long pid() {
        return stat.pid();
    }

    public ProcessKey key() {
        return stat.key();
    }

    /** The command line joined with spaces, or {@code [comm]} for kernel threads and zombies, which have none. */
    public String commandLine() {
        return cmdline.isEmpty() ? "[" + stat.comm() + "]" : String.join(" ", cmdline);
    }
}
