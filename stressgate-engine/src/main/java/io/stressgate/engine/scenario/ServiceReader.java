package io.stressgate.engine.scenario;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Reads {@code services} (processes the run starts) and {@code processes} (named groups of processes to watch):
 * <pre>
 * services:
 *   - name: worker                       # letters, digits and . _ : @ -
 *     command: [python3, worker.py, --queue, default]   # a list: no shell ever splits or expands it
 *     env: {REDIS_URL: "redis://127.0.0.1:6379"}
 *     workdir: ./app                     # relative to the scenario file
 *     replicas: 3                        # {{replica}} in command, env, workdir and ready becomes 1..3
 *     ready: {tcp: "127.0.0.1:800{{replica}}", timeout: 30s, interval: 100ms}   # or http: URL, or log: regex
 *     stop: {signal: TERM, grace: 10s, command: [redis-cli, shutdown]}        # command is optional
 *     restart: true                      # start a replica again when it dies during the run
 * processes:
 *   - {name: api, port: 8000}            # exactly one of port, pidFile, exe, cmdline, service
 *   - {name: celery, cmdline: "celery .*worker", tree: true}                  # tree: with every descendant
 * </pre>
 */
final class ServiceReader {
    static final Set<String> STOP_SIGNALS = Set.of("TERM", "INT", "HUP", "QUIT", "KILL");
    private static final int MAX_REPLICAS = 64;
    private static final int MAX_ENTRIES = 100;
    private static final List<String> READY_KINDS = List.of("tcp", "http", "log");
    private static final List<String> SELECTOR_KINDS = List.of("port", "pidFile", "exe", "cmdline", "service");
    private static final Pattern EXE = Pattern.compile("[^/\\x00]{1,255}");

    private final Problems problems;
    private final ScenarioLimits limits;
    private final Path baseDir;

    ServiceReader(Problems problems, ScenarioLimits limits, Path baseDir) {
        this.problems = problems;
        this.limits = limits;
        this.baseDir = baseDir;
    }

    List<ServiceSpec> services(Fields f, Set<String> names) {
        List<ServiceSpec> services = new java.util.ArrayList<>();
        for (Node node : entries(f, "services")) {
            ServiceSpec service = service(node);
            if (service != null && unique(node, service.name(), names)) {
                services.add(service);
            }
        }
        return services;
    }

    List<ProcessSelector> processes(Fields f, List<ServiceSpec> services, Set<String> names) {
        List<ProcessSelector> selectors = new java.util.ArrayList<>();
        for (Node node : entries(f, "processes")) {
            ProcessSelector selector = selector(node, services);
            if (selector != null && unique(node, selector.name(), names)) {
                selectors.add(selector);
            }
        }
        return selectors;
    }

    /** The items of a top-level list, refusing a mapping or more than {@value #MAX_ENTRIES} items. */
    List<Node> entries(Fields f, String key) {
        Optional<Node> node = f.node(key);
        if (node.isEmpty()) {
            return List.of();
        }
        if (!(node.get() instanceof ListNode list)) {
            problems.add(node.get(), "\"" + key + "\" must be a list, found " + node.get().kind());
            return List.of();
        }
        if (list.items().size() > MAX_ENTRIES) {
            problems.add(list, list.items().size() + " entries are more than the limit " + MAX_ENTRIES);
            return List.of();
        }
        return list.items();
    }

    private boolean unique(Node node, String name, Set<String> names) {
        if (!names.add(name)) {
            problems.add(node, "the name \"" + name + "\" is used twice (services and process groups share one set of names)");
            return false;
        }
        return true;
    }

    private ServiceSpec service(Node node) {
        Fields f = Fields.of(node, problems);
        if (f == null) {
            return null;
        }
        String name = f.requiredScalar("name", "a name for the service", SystemValues::name);
        Node commandNode = f.required("command", "the argument list to start it, e.g. [python3, worker.py]");
        Optional<List<String>> command = commandNode == null ? Optional.empty() : SystemValues.command(commandNode, problems, true);
        Map<String, String> env = env(f);
        String workdir = f.scalar("workdir", null, w -> baseDir.resolve(SystemValues.replicaTemplate(SystemValues.argument(w)))
                .normalize().toString());
        long replicas = f.count("replicas", 1);
        if (replicas < 1 || replicas > MAX_REPLICAS) {
            problems.add(f.node().get("replicas"), "replicas " + replicas + " must be between 1 and " + MAX_REPLICAS);
        }
        ServiceSpec.ReadinessCheck ready = f.node("ready").map(this::readiness).orElse(ServiceSpec.ReadinessCheck.NONE);
        ServiceSpec.StopSpec stop = f.node("stop").map(this::stop).orElse(ServiceSpec.StopSpec.DEFAULT);
        boolean restart = f.bool("restart", false);
        f.finish();
        if (name == null || command.isEmpty() || env == null || ready == null || stop == null) {
            return null;
        }
        return new ServiceSpec(name, command.get(), env, workdir, (int) Math.max(1, Math.min(replicas, MAX_REPLICAS)),
                ready, stop, restart, node.location());
    }

    private Map<String, String> env(Fields f) {
        return ProcessEnvReader.read(f, problems, SystemValues::replicaTemplate);
    }

    private ServiceSpec.ReadinessCheck readiness(Node node) {
        Fields f = Fields.of(node, problems);
        if (f == null) {
            return null;
        }
        String kind = exactlyOne(f, READY_KINDS, "how to tell it is up: tcp: HOST:PORT, http: URL or log: REGEX");
        String target = kind == null ? null : f.scalar(kind, null, t -> readyTarget(kind, t));
        Duration timeout = f.scalar("timeout", Duration.ofSeconds(60), this::timeout);
        Duration interval = f.scalar("interval", Duration.ofMillis(100), SystemReader::interval);
        f.finish();
        if (kind == null || target == null || timeout == null || interval == null) {
            return null;
        }
        return new ServiceSpec.ReadinessCheck(ServiceSpec.ReadinessCheck.Kind.valueOf(kind.toUpperCase(java.util.Locale.ROOT)),
                target, timeout, interval);
    }

    private static String readyTarget(String kind, String text) {
        String template = SystemValues.replicaTemplate(SystemValues.argument(text));
        String sample = SystemValues.forReplica(template, 1);
        switch (kind) {
            case "tcp" -> SystemValues.hostPort(sample);
            case "http" -> RequestReader.absoluteUrl(sample);
            default -> SystemValues.regex(sample);
        }
        return template;
    }

    ServiceSpec.StopSpec stop(Node node) {
        Fields f = Fields.of(node, problems);
        if (f == null) {
            return null;
        }
        ServiceSpec.StopSpec builtIn = ServiceSpec.StopSpec.DEFAULT;
        String signal = f.scalar("signal", builtIn.signal(), s -> SystemValues.signal(s, STOP_SIGNALS));
        Duration grace = f.scalar("grace", builtIn.grace(), this::timeoutOrZero);
        Optional<List<String>> command = f.node("command").flatMap(c -> SystemValues.command(c, problems, true));
        boolean commandBroken = f.has("command") && command.isEmpty();
        f.finish();
        if (signal == null || grace == null || commandBroken) {
            return null;
        }
        return new ServiceSpec.StopSpec(signal, grace, command.orElse(List.of()));
    }

    private ProcessSelector selector(Node node, List<ServiceSpec> services) {
        Fields f = Fields.of(node, problems);
        if (f == null) {
            return null;
        }
        String name = f.requiredScalar("name", "a name for the process group", SystemValues::name);
        String kind = exactlyOne(f, SELECTOR_KINDS, "how to find the processes: port, pidFile, exe, cmdline or service");
        Integer port = f.scalar("port", null, SystemValues::port);
        String pidFile = f.scalar("pidFile", null, p -> baseDir.resolve(SystemValues.argument(p)).normalize().toString());
        String exe = f.scalar("exe", null, ServiceReader::exe);
        Pattern cmdline = f.scalar("cmdline", null, SystemValues::regex);
        String service = f.scalar("service", null, s -> knownService(s, services));
        boolean tree = f.bool("tree", "service".equals(kind));
        f.finish();
        if (name == null || kind == null || port == null && pidFile == null && exe == null && cmdline == null && service == null) {
            return null;
        }
        return new ProcessSelector(name, service, pidFile, exe, cmdline, port, tree, node.location());
    }

    private static String exe(String text) {
        if (!EXE.matcher(text).matches()) {
            throw new IllegalArgumentException("exe \"" + text + "\" is the program's name without a directory, e.g. nginx");
        }
        return text;
    }

    private static String knownService(String name, List<ServiceSpec> services) {
        List<String> known = services.stream().map(ServiceSpec::name).toList();
        if (!known.contains(name)) {
            throw new IllegalArgumentException("no service is named \"" + name + "\"" + SystemReader.suggestion(name, known));
        }
        return name;
    }

    /** The one key of {@code kinds} that is present, or null after reporting none or several. */
    String exactlyOne(Fields f, List<String> kinds, String what) {
        List<String> present = kinds.stream().filter(f::has).toList();
        if (present.size() == 1) {
            return present.get(0);
        }
        problems.add(f.node(), present.isEmpty() ? "say " + what
                : "give only one of " + String.join(", ", present) + " (" + what + ")");
        return null;
    }

    Duration timeout(String text) {
        Duration d = Quantities.duration(text);
        if (d.isZero() || d.compareTo(limits.maxTimeout()) > 0) {
            throw new IllegalArgumentException("timeout " + text + " must be more than 0 and at most " + Quantities.format(limits.maxTimeout()));
        }
        return d;
    }

    Duration timeoutOrZero(String text) {
        Duration d = Quantities.duration(text);
        if (d.compareTo(limits.maxTimeout()) > 0) {
            throw new IllegalArgumentException(text + " is longer than the limit " + Quantities.format(limits.maxTimeout()));
        }
        return d;
    }
}
