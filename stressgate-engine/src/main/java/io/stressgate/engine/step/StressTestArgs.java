package io.stressgate.engine.step;

import io.stressgate.engine.scenario.ShardRole;
import java.time.Duration;
import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The validated arguments of {@code stressTest}: the scenario path relative to the workspace, variables for its
 * placeholders (handed to the CLI as environment variables, never on the command line), the regression baseline,
 * where to publish (null for nowhere), the time limit (null for none) and, for one shard of a sharded run, which
 * shard it is (null for an unsharded run; the merge step publishes and gates, so a shard does not publish) and the
 * instant its load starts at (null for at once; only for a shard, so that the shards of a build start together).
 */
public record StressTestArgs(String scenario, Map<String, String> vars, BaselineChoice baseline, PublishTarget publish,
                             Duration timeout, ShardRole shard, Instant startAt) {
    static final Pattern VAR_NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");
    static final int MAX_VARS = 256;
    static final int MAX_VAR_NAME = 128;
    static final int MAX_VAR_VALUE = 32 * 1024;
    static final Duration MAX_TIMEOUT = Duration.ofDays(7);
    /** Names the step sets itself, or that would change how the tool's own JVM runs. */
    static final Set<String> RESERVED = Set.of("PATH", "JENKINS_NODE_COOKIE", "JENKINS_SERVER_COOKIE", "HUDSON_COOKIE",
            "HUDSON_SERVER_COOKIE", "JAVA_TOOL_OPTIONS", "_JAVA_OPTIONS", "JDK_JAVA_OPTIONS", "CLASSPATH");

    public StressTestArgs {
        vars = Collections.unmodifiableMap(new LinkedHashMap<>(vars));
    }

    /**
     * The arguments as the Pipeline script gave them, and the build's start (for {@code startAt: 'build+2m'});
     * every field may be null.
     */
    public record Input(String scenario, Map<String, ?> vars, String baseline, String publish, String credentialsId,
                        String timeout, String shard, String shardGroup, String startAt, Instant buildStart) {
        /** The arguments of an unsharded run. */
        public Input(String scenario, Map<String, ?> vars, String baseline, String publish, String credentialsId,
                     String timeout) {
            this(scenario, vars, baseline, publish, credentialsId, timeout, null, null);
        }

        /** The arguments of a shard that starts at once. */
        public Input(String scenario, Map<String, ?> vars, String baseline, String publish, String credentialsId,
                     String timeout, String shard, String shardGroup) {
            this(scenario, vars, baseline, publish, credentialsId, timeout, shard, shardGroup, null, null);
        }
    }

    /** Validates everything and reports every problem at once; a start time is checked against the clock's now. */
    public static StressTestArgs of(Input in) throws StepArgumentException {
        return of(in, Instant.now());
    }

    /** Validates everything against {@code now} and reports every problem at once. */
    public static StressTestArgs of(Input in, Instant now) throws StepArgumentException {
        ArgumentProblems problems = new ArgumentProblems("stressTest");
        String scenario = null;
        if (in.scenario() == null) {
            problems.add("scenario", "is required: the scenario file, relative to the workspace");
        } else {
            String problem = WorkspacePaths.problem(in.scenario());
            if (problem != null) {
                problems.add("scenario", problem);
            } else {
                scenario = WorkspacePaths.normalize(in.scenario());
            }
        }
        Map<String, String> vars = vars(in.vars(), problems);
        BaselineChoice baseline = BaselineChoice.parse(in.baseline(), problems);
        PublishTarget publish = PublishTarget.parse(in.publish(), in.credentialsId(), problems);
        Duration timeout = problems.duration("timeout", in.timeout(), Duration.ofSeconds(1), MAX_TIMEOUT);
        ShardRole shard = shard(in, publish, problems);
        Instant startAt = null;
        if (in.startAt() != null && in.shard() == null) {
            problems.add("startAt", "is only for a sharded run, so that its shards start together: give shard: 'I/N' too");
        } else {
            startAt = StartChoice.parse(in.startAt(), in.buildStart(), now, problems);
        }
        problems.throwIfAny();
        return new StressTestArgs(scenario, vars, baseline, publish, timeout, shard, startAt);
    }

    /**
     * The variables of a call that gave them either way: {@code vars}, the map scripts write, and {@code variables},
     * the name/value list the Snippet Generator's form produces. A name given twice, in one list or in both, is an
     * error naming it; the result goes to {@link Input#vars()} and is checked there like any map.
     */
    public static Map<String, Object> vars(Map<?, ?> map, List<? extends Map.Entry<String, String>> list)
            throws StepArgumentException {
        ArgumentProblems problems = new ArgumentProblems("stressTest");
        Map<String, Object> out = new LinkedHashMap<>();
        if (map != null) {
            map.forEach((k, v) -> out.put(String.valueOf(k), v));
        }
        if (list != null) {
            for (Map.Entry<String, String> e : list) {
                String name = e.getKey() == null ? "" : e.getKey();
                if (out.containsKey(name)) {
                    problems.add("variables", "\"" + DisplayText.clamp(name, 40) + "\" is given more than once"
                            + (map != null && map.containsKey(name) ? " (also in vars)" : ""));
                } else {
                    out.put(name, e.getValue());
                }
            }
        }
        problems.throwIfAny();
        return map == null && list == null ? null : out;
    }

    private static ShardRole shard(Input in, PublishTarget publish, ArgumentProblems problems) {
        if (in.shard() == null) {
            if (in.shardGroup() != null) {
                problems.add("shardGroup", "is only for a sharded run: give shard: 'I/N' too");
            }
            return null;
        }
        if (publish != null) {
            problems.add("publish", "a shard's results are not a verdict: publish nothing from a shard (the merge decides)");
        }
        try {
            return ShardStep.role("stressTest", in.shard(), in.shardGroup(), null);
        } catch (StepArgumentException e) {
            e.problems().forEach(p -> problems.add(p.parameter(), p.message()));
            return null;
        }
    }

    private static Map<String, String> vars(Map<String, ?> given, ArgumentProblems problems) {
        Map<String, String> vars = new LinkedHashMap<>();
        if (given == null) {
            return vars;
        }
        if (given.size() > MAX_VARS) {
            problems.add("vars", given.size() + " variables are more than the limit of " + MAX_VARS);
            return vars;
        }
        for (Map.Entry<String, ?> e : given.entrySet()) {
            String name = String.valueOf(e.getKey());
            String where = "vars." + DisplayText.clamp(name, 40);
            if (name.length() > MAX_VAR_NAME || !VAR_NAME.matcher(name).matches()) {
                problems.add(where, "is not a variable name (letters, digits and _, not starting with a digit)");
                continue;
            }
            if (RESERVED.contains(name.toUpperCase(Locale.ROOT)) || name.toUpperCase(Locale.ROOT).startsWith("STRESSGATE_")) {
                problems.add(where, "is reserved: the step sets it, or it would change how the tool itself runs");
                continue;
            }
            String value = value(where, e.getValue(), problems);
            if (value != null) {
                vars.put(name, value);
            }
        }
        return vars;
    }

    private static String value(String where, Object value, ArgumentProblems problems) {
        if (!(value instanceof CharSequence || value instanceof Number || value instanceof Boolean)) {
            problems.add(where, value == null ? "has no value" : "must be text, a number or a boolean, not a "
                    + value.getClass().getSimpleName());
            return null;
        }
        String text = value.toString();
        if (text.length() > MAX_VAR_VALUE) {
            problems.add(where, "has a value of " + text.length() + " characters; at most " + MAX_VAR_VALUE + " are allowed");
            return null;
        }
        if (text.indexOf('\0') >= 0) {
            problems.add(where, "contains a NUL character, which no environment variable can hold");
            return null;
        }
        return text;
    }
}
