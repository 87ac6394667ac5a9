package io.stressgate.engine.scenario;

import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads the keys of an {@code executor: external} phase:
 * <pre>
 * - name: locust
 *   executor: external
 *   command: [locust, -f, locustfile.py, --headless, -u, "20", -r, "10", -t, 8s, --csv, "{{out}}/locust"]
 *   env: {LOCUST_HOST: "http://127.0.0.1:8080"}
 *   workdir: ./load                 # relative to the scenario file
 *   duration: 8s                    # how long the tool is expected to run (progress, the phase plan)
 *   timeout: 1m                     # killed with its children after this (default: duration + 1m)
 *   results: {format: locust, path: "{{out}}/locust"}
 *   thresholdExitCodes: [1]         # the tool ran but its own thresholds failed: recorded, not an error
 *   stop: {signal: INT, grace: 10s}
 * </pre>
 */
final class ExternalReader {
    static final List<String> FORMATS = List.of("locust", "jmeter", "gatling", "k6");
    static final List<String> KEYS = List.of("command", "env", "workdir", "duration", "timeout", "results",
            "thresholdExitCodes", "stop");
    private static final Duration DEFAULT_TIMEOUT_MARGIN = Duration.ofMinutes(1);
    private static final Pattern PLACEHOLDER = Pattern.compile("\\{\\{\\s*([^}]*?)\\s*}}");
    /**
     * What each tool's exit code means when its own thresholds or assertions failed: k6 exits 99, Gatling 2 when an
     * assertion failed, Locust 1 when any request failed (its {@code --exit-code-on-error}); JMeter has none.
     */
    private static final Map<String, Set<Integer>> THRESHOLD_EXIT_CODES = Map.of("k6", Set.of(99), "gatling", Set.of(2),
            "locust", Set.of(1), "jmeter", Set.of());

    private final Problems problems;
    private final ScenarioLimits limits;
    private final Path baseDir;

    ExternalReader(Problems problems, ScenarioLimits limits, Path baseDir) {
        this.problems = problems;
        this.limits = limits;
        this.baseDir = baseDir;
    }

    /** The executor of phase {@code name}, or null after reporting every problem. */
    ExecutorSpec.External read(Fields f, String name) {
        Node commandNode = f.required("command", "the tool's argument list, e.g. [locust, -f, locustfile.py, --headless]");
        Optional<List<String>> command = commandNode == null ? Optional.empty() : SystemValues.command(commandNode, problems, false)
                .filter(argv -> placeholders(commandNode, argv));
        Map<String, String> env = env(f);
        String workdir = f.scalar("workdir", null, w -> baseDir.resolve(outTemplate(SystemValues.argument(w))).normalize().toString());
        Duration duration = f.scalar("duration", null, this::positive);
        if (!f.has("duration")) {
            problems.add(f.node(), "\"duration\" is required: how long the tool runs, e.g. 30s (it is killed after \"timeout\")");
        }
        Duration timeout = f.scalar("timeout", null, this::positive);
        if (timeout != null && duration != null && timeout.compareTo(duration) < 0) {
            problems.add(f.node().get("timeout"), "timeout " + Quantities.format(timeout) + " is shorter than the duration "
                    + Quantities.format(duration) + ": the tool would be killed before it could finish");
        }
        ExecutorSpec.ResultsFile results = results(f);
        Set<Integer> codes = exitCodes(f, results);
        ServiceSpec.StopSpec stop = f.node("stop").map(n -> new ServiceReader(problems, limits, baseDir).stop(n))
                .orElse(ServiceSpec.StopSpec.DEFAULT);
        if (command.isEmpty() || env == null || duration == null || results == null || codes == null || stop == null) {
            return null;
        }
        Duration limit = timeout != null ? timeout : duration.plus(DEFAULT_TIMEOUT_MARGIN);
        ServiceSpec tool = new ServiceSpec(name, command.get(), env, workdir, 1, ServiceSpec.ReadinessCheck.NONE, stop, false,
                f.node().location());
        return new ExecutorSpec.External(tool, duration, limit, results, codes);
    }

    private boolean placeholders(Node commandNode, List<String> argv) {
        boolean ok = true;
        for (int i = 0; i < argv.size(); i++) {
            try {
                outTemplate(argv.get(i));
            } catch (IllegalArgumentException e) {
                problems.add(((ListNode) commandNode).items().get(i), e.getMessage());
                ok = false;
            }
        }
        return ok;
    }

    /** Accepts only {@code {{out}}}, the phase's output folder, as a placeholder. */
    static String outTemplate(String text) {
        Matcher m = PLACEHOLDER.matcher(text);
        while (m.find()) {
            if (!m.group(1).equals("out")) {
                throw new IllegalArgumentException("placeholder {{" + m.group(1) + "}} is unknown here; only {{out}} (the"
                        + " phase's output folder) is replaced in an external tool's command, env and results path");
            }
        }
        return text;
    }

    private Map<String, String> env(Fields f) {
        return ProcessEnvReader.read(f, problems, ExternalReader::outTemplate);
    }

    private ExecutorSpec.ResultsFile results(Fields f) {
        Node node = f.required("results", "where the tool writes its results, e.g. {format: locust, path: \"{{out}}/locust\"}");
        Fields r = node == null ? null : Fields.of(node, problems);
        if (r == null) {
            return null;
        }
        String format = r.requiredScalar("format", "one of " + String.join(", ", FORMATS), ExternalReader::format);
        String path = r.requiredScalar("path", "the results file (or, for locust, the --csv prefix)", p -> {
            if (p.isBlank()) {
                throw new IllegalArgumentException("the results path is empty");
            }
            return outTemplate(SystemValues.argument(p));
        });
        r.finish();
        return format == null || path == null ? null : new ExecutorSpec.ResultsFile(format, path);
    }

    private static String format(String text) {
        String lower = text.trim().toLowerCase(Locale.ROOT);
        if (!FORMATS.contains(lower)) {
            throw new IllegalArgumentException("unknown results format \"" + text + "\"" + Fields.nearest(lower, FORMATS)
                    .map(s -> "; did you mean \"" + s + "\"?").orElse("") + " (known: " + String.join(", ", FORMATS) + ")");
        }
        return lower;
    }

    private Set<Integer> exitCodes(Fields f, ExecutorSpec.ResultsFile results) {
        if (!f.has("thresholdExitCodes")) {
            return results == null ? Set.of() : THRESHOLD_EXIT_CODES.get(results.format());
        }
        Set<Integer> codes = new LinkedHashSet<>();
        boolean complete = true;
        for (Node n : f.list("thresholdExitCodes")) {
            Integer code = f.convert(n, null, ExternalReader::exitCode);
            complete &= code != null;
            if (code != null) {
                codes.add(code);
            }
        }
        return complete ? codes : null;
    }

    private static Integer exitCode(String text) {
        long code = Quantities.count(text);
        if (code < 1 || code > 255) {
            throw new IllegalArgumentException("exit code " + text + " must be between 1 and 255 (0 is success)");
        }
        return (int) code;
    }

    private Duration positive(String text) {
        Duration d = Quantities.duration(text);
        if (d.isZero()) {
            throw new IllegalArgumentException("a duration of 0 runs nothing");
        }
        if (d.compareTo(limits.maxDuration()) > 0) {
            throw new IllegalArgumentException("duration " + text + " is longer than the limit " + Quantities.format(limits.maxDuration()));
        }
        return d;
    }
}
