package io.stressgate.engine.result;

/**
 * How many processes of a watched group the kernel's OOM killer ended during the run, and where that was read:
 * {@link #CGROUP_V2}, {@link #CGROUP_V1}, {@link #KERNEL_LOG}, {@link #NO_DEATH} (nothing ended, so nothing was
 * killed), or {@link #NONE_READABLE} with a null count. {@code detail} names the files read or why none could be.
 */
public record OomKills(Long count, String source, String detail) {
    public static final String CGROUP_V2 = "cgroup v2 memory.events";
    public static final String CGROUP_V1 = "cgroup v1 memory.oom_control";
    public static final String KERNEL_LOG = "kernel log";
    public static final String NO_DEATH = "no process ended";
    public static final String NONE_READABLE = "none readable";

    /** No counter and no kernel log could be read: the count is unknown, and {@code why} says so. */
    public static OomKills unknown(String why) {
        return new OomKills(null, NONE_READABLE, why);
    }
}
