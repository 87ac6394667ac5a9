package io.stressgate.engine.scenario;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Reads what a scenario says about the system under test, from these top-level keys (services, processes and
 * chaos are described in {@link ServiceReader} and {@link ChaosReader}):
 * <pre>
 * redis: redis://127.0.0.1:6379/0      # the default Redis of queues and jobs
 * sampling: {interval: 100ms, system: true}    # how often processes and queues are sampled; sample the machine
 * queues:
 *   - {name: default, type: rq}        # list (LLEN of key), rq, celery or stream (with group)
 *   - {name: events, type: stream, key: "app:events", group: workers, redis: "redis://127.0.0.1:6380", drainTimeout: 2m}
 * jobs: {completions: "app:done"}      # a Redis list workers append finished job ids to (duplicate detection)
 * orphans: {enabled: true, grace: 2s, pattern: "mubeng|proxy-scraper", reap: false}
 * </pre>
 */
final class SystemReader {
    private static final int MAX_QUEUES = 100;

    private final Problems problems;
    private final ScenarioLimits limits;
    private final ServiceReader services;

    SystemReader(Problems problems, ScenarioLimits limits, Path baseDir) {
        this.problems = problems;
        this.limits = limits;
        this.services = new ServiceReader(problems, limits, baseDir);
    }

    /** Reads every system section; {@code load} (possibly null when unreadable) lets chaos conditions name requests. */
    SystemUnderTest read(Fields f, List<LoadPhase> load) {
        Set<String> names = new HashSet<>();
        List<ServiceSpec> serviceList = services.services(f, names);
        List<ProcessSelector> processList = services.processes(f, serviceList, names);
        SamplingSpec sampling = f.node("sampling").map(this::sampling).orElse(SamplingSpec.DEFAULTS);
        String redis = f.scalar("redis", null, SystemValues::redisUrl);
        Node redisNode = f.node("redis").orElse(null);
        List<QueueSpec> queues = queues(f, redis, redisNode);
        AccountingSpec accounting = f.node("jobs").map(n -> accounting(n, redis, redisNode)).orElse(AccountingSpec.NONE);
        OrphanSpec orphans = f.node("orphans").map(this::orphans).orElse(OrphanSpec.DEFAULTS);
        SystemUnderTest watched = new SystemUnderTest(serviceList, processList, sampling, queues, List.of(), orphans, accounting);
        List<ChaosSpec> chaos = new ChaosReader(problems, limits, services).read(f, watched, load);
        return new SystemUnderTest(serviceList, processList, sampling, queues, chaos, orphans, accounting);
    }

    private SamplingSpec sampling(Node node) {
        Fields f = Fields.of(node, problems);
        if (f == null) {
            return SamplingSpec.DEFAULTS;
        }
        Duration interval = f.scalar("interval", SamplingSpec.DEFAULTS.interval(), SystemReader::interval);
        boolean system = f.bool("system", SamplingSpec.DEFAULTS.system());
        f.finish();
        return new SamplingSpec(interval == null ? SamplingSpec.DEFAULTS.interval() : interval, system);
    }

    private List<QueueSpec> queues(Fields f, String redis, Node redisNode) {
        List<QueueSpec> queues = new ArrayList<>();
        Set<String> names = new HashSet<>();
        List<Node> nodes = services.entries(f, "queues");
        if (nodes.size() > MAX_QUEUES) {
            problems.add(f.node().get("queues"), nodes.size() + " queues are more than the limit " + MAX_QUEUES);
            return queues;
        }
        for (Node node : nodes) {
            QueueSpec queue = queue(node, redis, redisNode);
            if (queue != null && !names.add(queue.name())) {
                problems.add(node, "the queue name \"" + queue.name() + "\" is used twice");
            } else if (queue != null) {
                queues.add(queue);
            }
        }
        return queues;
    }

    private QueueSpec queue(Node node, String redis, Node redisNode) {
        Fields f = Fields.of(node, problems);
        if (f == null) {
            return null;
        }
        String name = f.requiredScalar("name", "the queue's name", SystemValues::name);
        QueueSpec.Type type = f.scalar("type", QueueSpec.Type.LIST, t -> ChaosRules.word(t, QueueSpec.Type.class));
        String key = f.scalar("key", null, SystemReader::redisKey);
        String group = f.scalar("group", null, SystemReader::redisKey);
        if (group != null && type != QueueSpec.Type.STREAM) {
            problems.add(f.node().get("group"), "a consumer group applies to type: stream only");
        }
        String url = f.has("redis") ? f.scalar("redis", null, SystemValues::redisUrl) : redis;
        if (url == null && !f.has("redis") && redisNode == null) {
            problems.add(node, "the queue needs a Redis: set \"redis\" at the top of the scenario or in the queue");
        }
        Duration drain = f.scalar("drainTimeout", Duration.ofSeconds(60), services::timeout);
        f.finish();
        if (name == null || type == null) {
            return null;
        }
        // A Redis URL or drain timeout that could not be read is reported already, so this scenario never runs; the
        // queue is still declared, so gates on it are not also refused as naming no queue.
        return new QueueSpec(name, url, type, key == null ? defaultKey(type, name) : key, group,
                drain == null ? Duration.ofSeconds(60) : drain, node.location());
    }

    private static String defaultKey(QueueSpec.Type type, String name) {
        return type == QueueSpec.Type.RQ ? "rq:queue:" + name : name;
    }

    private AccountingSpec accounting(Node node, String redis, Node redisNode) {
        Fields f = Fields.of(node, problems);
        if (f == null) {
            return AccountingSpec.NONE;
        }
        String key = f.requiredScalar("completions", "the Redis list workers append each finished job id to", SystemReader::redisKey);
        String url = f.has("redis") ? f.scalar("redis", null, SystemValues::redisUrl) : redis;
        if (url == null && !f.has("redis") && redisNode == null) {
            problems.add(node, "job accounting needs a Redis: set \"redis\" at the top of the scenario or under jobs");
        }
        f.finish();
        return key == null || url == null ? AccountingSpec.NONE : new AccountingSpec(url, key);
    }

    private OrphanSpec orphans(Node node) {
        Fields f = Fields.of(node, problems);
        if (f == null) {
            return OrphanSpec.DEFAULTS;
        }
        OrphanSpec builtIn = OrphanSpec.DEFAULTS;
        boolean enabled = f.bool("enabled", builtIn.enabled());
        Duration grace = f.scalar("grace", builtIn.grace(), services::timeoutOrZero);
        Pattern pattern = f.scalar("pattern", null, SystemValues::regex);
        boolean reap = f.bool("reap", builtIn.reap());
        if (!enabled && (f.has("pattern") || f.has("reap"))) {
            problems.add(node, "the orphan check is disabled (enabled: false), so pattern and reap would never apply");
        }
        f.finish();
        return new OrphanSpec(enabled, grace == null ? builtIn.grace() : grace, pattern, reap);
    }

    private static String redisKey(String text) {
        if (text.isEmpty() || text.length() > 512 || text.chars().anyMatch(c -> c <= ' ' || c == 0x7f)) {
            throw new IllegalArgumentException("Redis key \"" + text + "\" must be 1 to 512 characters without spaces or control characters");
        }
        return text;
    }

    /** A sampling or probe interval: 10ms to 1m. */
    static Duration interval(String text) {
        Duration d = Quantities.duration(text);
        if (d.toMillis() < 10 || d.compareTo(Duration.ofMinutes(1)) > 0) {
            throw new IllegalArgumentException("interval " + text + " must be between 10ms and 1m");
        }
        return d;
    }

    static String suggestion(String name, Collection<String> known) {
        Optional<String> nearest = Fields.nearest(name.toLowerCase(Locale.ROOT), known);
        return nearest.filter(n -> !n.equals(name)).map(n -> "; did you mean \"" + n + "\"?").orElse("");
    }
}
