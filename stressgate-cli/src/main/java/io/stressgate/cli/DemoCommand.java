package io.stressgate.cli;

import io.stressgate.engine.result.ExitCodes;
import io.stressgate.cli.demo.DemoEnvironment;
import io.stressgate.engine.result.RunResults;
import io.stressgate.engine.result.RunStatus;
import io.stressgate.engine.scenario.Scenario;
import io.stressgate.engine.scenario.ScenarioLimits;
import io.stressgate.engine.scenario.ScenarioLoader;
import io.stressgate.engine.scenario.Variables;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code stressgate demo [SCENARIO]}: starts the built-in demo system on loopback (an HTTP API, Redis and four
 * workers) from the bundled scenario, stress-tests it for about 30 seconds, and explains what it found; or runs an
 * example scenario (examples/) with the same prepared variables: java, class path, redis-server, free ports.
 */
@Command(name = "demo", description = {"Runs the built-in demo: a small task-queue system on loopback (an HTTP API, Redis, "
        + "four workers), stormed and used while a worker is killed mid-job, for about 30 seconds. Exits 0 when the run "
        + "completed and found what the demo plants (a lost job, an orphaned helper), 1 otherwise; --gate-exit returns the verdict's code.",
        "With a SCENARIO (one of examples/), runs it instead with the variables JAVA, CLASSPATH (also DEMO_CLASSPATH), "
                + "REDIS_SERVER, DATA_DIR and the free ports " + "REDIS_PORT, API_PORT, API_PORT_1..3, LB_PORT, CONTROL_PORT, "
                + "and exits with the verdict's code like run.",
        "Either way, processes the run left behind (they carry its cookie) are ended afterwards and named."})
final class DemoCommand implements Callable<Integer> {
    static final String SCENARIO = "/io/stressgate/cli/demo/demo.yml";

    @Parameters(index = "0", arity = "0..1", paramLabel = "SCENARIO", description = "An example scenario (default: the bundled demo).")
    private Path scenarioFile;

    @Option(names = "--var", paramLabel = "NAME=value", description = "Sets or overrides $${NAME} in the scenario. Repeatable.")
    private Map<String, String> vars = new LinkedHashMap<>();

    @Option(names = "--out", paramLabel = "DIR", defaultValue = "stressgate-out", description = "Where the reports go (default: ${DEFAULT-VALUE}).")
    private Path out;

    @Option(names = "--progress", paramLabel = "MODE", defaultValue = "AUTO", description = "auto, tty, plain or none.",
            converter = RunCommand.ProgressModeConverter.class)
    private Progress.Mode progressMode;

    @Option(names = "--gate-exit", description = "Exit with the verdict's code (0 PASSED, 3 UNSTABLE, 1 FAILED) like run.")
    private boolean gateExit;

    @Spec
    private CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        PrintWriter o = spec.commandLine().getOut();
        Path dataDir = Files.createTempDirectory("stressgate-demo-data");
        try {
            DemoEnvironment env = DemoEnvironment.prepare(Path.of(System.getProperty("user.home"), ".cache", "stressgate"), dataDir);
            Map<String, String> given = new LinkedHashMap<>(env.variables());
            given.putAll(vars);
            banner(o, env, given);
            ScenarioLoader loader = new ScenarioLoader(new Variables(given, System.getenv()), ScenarioLimits.DEFAULTS);
            Scenario scenario = scenarioFile == null ? loader.parse("demo.yml", bundled(), Path.of(".")) : loader.load(scenarioFile);
            RunResults results = RunExecution.execute(scenario, out, 0, new Progress(spec.commandLine().getErr(), progressMode));
            RunCommand.print(o, results, out);
            boolean found = scenarioFile == null && explain(o, results);
            DemoCleanup.endLeftovers(o, results.runCookie());
            if (scenarioFile != null || gateExit) {
                return ExitCodes.of(results.verdict());
            }
            return results.status() == RunStatus.COMPLETED && found ? ExitCodes.PASSED : ExitCodes.FAILED;
        } finally {
            DemoCleanup.delete(dataDir);
        }
    }

    private void banner(PrintWriter o, DemoEnvironment env, Map<String, String> given) {
        if (scenarioFile == null) {
            o.printf("stressgate demo: API on http://127.0.0.1:%s, Redis on port %s (%s)%n", given.get("API_PORT"), given.get("REDIS_PORT"),
                    env.redisServer());
        } else {
            o.printf("stressgate demo: %s on loopback, redis-server %s, %s%n", scenarioFile, env.redisServer(),
                    DemoEnvironment.PORTS.stream().map(p -> p + "=" + given.get(p)).collect(Collectors.joining(" ")));
        }
        o.flush();
    }

    /** Says what the demo planted and whether the run caught it; true when it caught both. */
    static boolean explain(PrintWriter o, RunResults r) {
        long lost = r.jobs() == null ? 0 : r.jobs().lost();
        int orphans = r.orphans().size();
        long backlog = r.queues().values().stream().mapToLong(q -> q.maxDepth()).max().orElse(0);
        o.println("  the demo plants two faults; the verdict FAILED is expected:");
        o.printf("    (the storm's backlog: the queue reached %d jobs)%n", backlog);
        o.printf("    lost jobs (the killed worker's job stays \"running\" forever): %d%s%n", lost, lost > 0 ? " (caught)" : " (NOT caught)");
        o.printf("    orphans (the killed worker's helper process lives on): %d%s%n", orphans, orphans > 0 ? " (caught)" : " (NOT caught)");
        o.flush();
        return lost > 0 && orphans > 0;
    }

    private static String bundled() throws IOException {
        try (InputStream in = DemoCommand.class.getResourceAsStream(SCENARIO)) {
            if (in == null) {
                throw new IOException("the demo scenario " + SCENARIO + " is missing from the jar");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
