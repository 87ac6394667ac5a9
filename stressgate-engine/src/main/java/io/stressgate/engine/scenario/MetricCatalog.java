package io.stressgate.engine.scenario;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/** The metrics gates and chaos conditions may name, with their labels and what each statistic measures. */
public final class MetricCatalog {
    private static final Pattern PERCENTILE = Pattern.compile("p(\\d{1,2}(?:\\.\\d{1,3})?|100)");
    private static final Map<String, Family> FAMILIES = buildFamilies();

    private MetricCatalog() {
    }

    /** A metric family: its allowed and required labels and its statistics. */
    public record Family(String name, Set<String> labels, boolean labelRequired, Map<String, Dimension> stats,
                         boolean percentiles, Dimension valueDimension, String description) {
    }

    public static Optional<Family> family(String name) {
        return Optional.ofNullable(FAMILIES.get(name));
    }

    public static Map<String, Family> families() {
        return FAMILIES;
    }

    /** The dimension of a statistic, or empty when the family does not have it. */
    public static Optional<Dimension> dimension(MetricRef ref) {
        Family family = FAMILIES.get(ref.family());
        if (family == null) {
            return Optional.empty();
        }
        if (ref.stat().isEmpty()) {
            return Optional.ofNullable(family.valueDimension());
        }
        if (family.percentiles() && percentile(ref.stat()).isPresent()) {
            return Optional.of(Dimension.DURATION);
        }
        return Optional.ofNullable(family.stats().get(ref.stat()));
    }

    /** The percentile a statistic such as {@code p95} or {@code p99.9} names. */
    public static Optional<Double> percentile(String stat) {
        if ("p999".equals(stat)) {
            return Optional.of(99.9);
        }
        var m = PERCENTILE.matcher(stat);
        return m.matches() ? Optional.of(Double.parseDouble(m.group(1))) : Optional.empty();
    }

    private static Map<String, Family> buildFamilies() {
        Map<String, Dimension> latency = ordered(
                "min", Dimension.DURATION, "max", Dimension.DURATION, "mean", Dimension.DURATION);
        Map<String, Dimension> http = new LinkedHashMap<>(latency);
        http.putAll(ordered("rps", Dimension.RATE, "requests", Dimension.COUNT, "errors", Dimension.COUNT,
                "error_rate", Dimension.FRACTION, "dropped", Dimension.COUNT, "timeouts", Dimension.COUNT,
                "status_4xx", Dimension.COUNT, "status_5xx", Dimension.COUNT, "bytes_received", Dimension.BYTES,
                "bytes_decoded", Dimension.BYTES, "redirects", Dimension.COUNT));
        Map<String, Dimension> jobs = new LinkedHashMap<>(latency);
        jobs.putAll(ordered("submitted", Dimension.COUNT, "completed", Dimension.COUNT, "failed", Dimension.COUNT,
                "pending", Dimension.COUNT, "lost", Dimension.COUNT, "duplicated", Dimension.COUNT,
                "timeouts", Dimension.COUNT, "unidentified", Dimension.COUNT));
        Map<String, Family> all = new LinkedHashMap<>();
        add(all, new Family("http", Set.of("name"), false, http, true, null,
                "HTTP requests, all of them or one request name"));
        add(all, new Family("iterations", Set.of(), false, ordered("started", Dimension.COUNT,
                "succeeded", Dimension.COUNT, "interrupted", Dimension.COUNT, "dropped", Dimension.COUNT), false, null,
                "iterations of every phase: started, succeeded (ran to the end without an error, or its job cut short by "
                        + "the load's end was then seen done), cut short, dropped"));
        add(all, new Family("jobs", Set.of(), false, jobs, true, null,
                "asynchronous jobs: end-to-end time and accounting"));
        add(all, new Family("queue", Set.of("name"), true, ordered("max_depth", Dimension.COUNT,
                "drain", Dimension.DURATION, "depth", Dimension.COUNT, "unacked", Dimension.COUNT), false, null,
                "a sampled queue (unacked: Celery tasks delivered to workers, not acknowledged, at the end)"));
        add(all, new Family("process", Set.of("name"), true, ordered("rss_max", Dimension.BYTES,
                "cpu_max", Dimension.PERCENT, "threads_max", Dimension.COUNT, "fds_max", Dimension.COUNT,
                "children_max", Dimension.COUNT, "rss", Dimension.BYTES, "cpu", Dimension.PERCENT,
                "count", Dimension.COUNT, "count_min", Dimension.COUNT, "deaths", Dimension.COUNT,
                "restarts", Dimension.COUNT, "oom_kills", Dimension.COUNT, "pids_seen", Dimension.COUNT,
                "rss_growth", Dimension.BYTES_PER_MINUTE, "rss_max_process", Dimension.BYTES,
                "memory_increase", Dimension.BYTES), false, null, "a watched process group"));
        add(all, new Family("system", Set.of(), false, ordered("memory_max", Dimension.BYTES,
                "cpu_max", Dimension.PERCENT, "load_max", Dimension.NUMBER, "swap_max", Dimension.BYTES,
                "memory", Dimension.BYTES, "cpu", Dimension.PERCENT), false, null, "the machine"));
        add(all, new Family("orphans", Set.of(), false, Map.of(), false, Dimension.COUNT,
                "processes that outlived the run"));
        add(all, new Family("leaks", Set.of(), false, ordered("fds", Dimension.COUNT, "ports", Dimension.COUNT,
                "zombies", Dimension.COUNT), false, null, "fds, ports and zombies left behind"));
        add(all, new Family("checks", Set.of("name", "request"), false, ordered("passes", Dimension.COUNT,
                "fails", Dimension.COUNT, "runs", Dimension.COUNT, "rate", Dimension.FRACTION), false, null,
                "response checks, all of them or those of one check name and/or request name (rate: passes / runs)"));
        add(all, new Family("load", Set.of(), false, ordered("breaking_point", Dimension.RATE), false, null,
                "the load's breaking point: the last rate a stepping-arrival-rate phase held"));
        add(all, new Family("chaos", Set.of(), false, ordered("recovery_max", Dimension.DURATION,
                "failed", Dimension.COUNT, "actions", Dimension.COUNT), false, null, "chaos actions"));
        return java.util.Collections.unmodifiableMap(all);
    }

    private static void add(Map<String, Family> all, Family family) {
        all.put(family.name(), family);
    }

    private static Map<String, Dimension> ordered(Object... pairs) {
        Map<String, Dimension> map = new LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            map.put((String) pairs[i], (Dimension) pairs[i + 1]);
        }
        return map;
    }

    /** Every statistic of a family as a user would write it, for error messages. */
    public static List<String> spellings(Family family) {
        List<String> names = new java.util.ArrayList<>();
        if (family.percentiles()) {
            names.addAll(List.of("p50", "p90", "p95", "p99", "p99.9"));
        }
        names.addAll(family.stats().keySet());
        return names;
    }
}
