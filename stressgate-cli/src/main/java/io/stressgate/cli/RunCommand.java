package io.stressgate.cli;

import io.stressgate.engine.result.ExitCodes;
import io.stressgate.engine.result.GateResult;
import io.stressgate.engine.result.LatencyMs;
import io.stressgate.engine.result.LoadSummary;
import io.stressgate.engine.result.RunResults;
import io.stressgate.engine.scenario.Scenario;
import io.stressgate.engine.scenario.ShardRole;
import io.stressgate.engine.shard.StartTime;
import java.time.Clock;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code stressgate run FILE}: runs a scenario, writes the reports, and exits with the verdict. */
@Command(name = "run", description = "Runs a scenario, writes results.json, junit.xml, summary.md and report.html, "
        + "and exits 0 PASSED, 3 UNSTABLE, 1 FAILED or incomplete, 2 invalid input, 5 PENDING (a completed shard).")
final class RunCommand implements Callable<Integer> {
    @Mixin
    private ScenarioOptions scenario;

    @Option(names = "--out", paramLabel = "DIR", defaultValue = "stressgate-out", description = "Where the reports go (default: ${DEFAULT-VALUE}).")
    private Path out;

    @Option(names = "--threads", paramLabel = "N", defaultValue = "0", description = "Event-loop threads (default: the scenario's, else one per core).")
    private int threads;

    @Option(names = "--progress", paramLabel = "MODE", defaultValue = "AUTO", description = "auto, tty, plain or none.",
            converter = ProgressModeConverter.class)
    private Progress.Mode progressMode;

    @Mixin
    private ShardOptions sharding;

    @Spec
    private CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        Scenario s = scenario.load();
        ShardRole role = sharding.role();
        StartTime start = sharding.start(Clock.systemUTC());
        ShardOptions.await(start, Clock.systemUTC(), spec.commandLine().getErr());
        RunResults results = RunExecution.execute(ShardOptions.plan(s, role), out, threads,
                new Progress(spec.commandLine().getErr(), progressMode), r -> r, start == null ? null : start.at());
        print(spec.commandLine().getOut(), results, out);
        return ExitCodes.of(results);
    }

    static void print(PrintWriter o, RunResults r, Path out) {
        o.printf(Locale.ROOT, "%s: %s (%s in %.1fs)%s%n", r.scenario().name(), r.verdict(), r.status(), r.durationMs() / 1000.0,
                r.statusReason() == null ? "" : ": " + r.statusReason());
        LoadSummary all = r.all();
        o.printf(Locale.ROOT, "  requests %,d (%,.1f/s), errors %,d (%.2f%%), timeouts %,d, dropped %,d%n", all.requests(), all.rps(),
                all.errors(), all.errorRate() * 100, all.timeouts(), all.dropped());
        LatencyMs l = all.latencyMs();
        if (l != null) {
            o.printf(Locale.ROOT, "  latency p50 %sms  p95 %sms  p99 %sms  max %sms%n", l.p50(), l.p95(), l.p99(), l.max());
        }
        if (r.generator() != null && r.generator().saturated()) {
            o.println("  WARNING: the load generator was saturated: " + r.generator().saturationReason());
        } else if (r.generator() != null && r.generator().saturationReason() != null) {
            o.println("  NOTE: " + r.generator().saturationReason());
        }
        long held = r.gates().stream().filter(GateResult::passed).count();
        o.printf("  gates: %d of %d hold%n", held, r.gates().size());
        for (GateResult g : r.gates()) {
            if (!g.passed()) {
                o.printf("    %-8s %s: %s%n", g.severity().label().toUpperCase(Locale.ROOT), g.expression(), g.message());
            }
        }
        if (r.shard() != null) {
            o.printf(Locale.ROOT, "  shard %d of %d (group %s, start offset %s ms): verdict PENDING; run 'stressgate merge' "
                    + "over all %d shards' output directories for the verdict%n", r.shard().index(), r.shard().count(),
                    r.shard().group(), r.shard().startOffsetMs() == null ? "n/a" : r.shard().startOffsetMs(), r.shard().count());
        }
        o.println("  reports: " + out.resolve("report.html") + " (also summary.md, junit.xml, results.json)");
        o.flush();
    }

    /** Accepts the progress mode in any case. */
    static final class ProgressModeConverter implements picocli.CommandLine.ITypeConverter<Progress.Mode> {
        @Override
        public Progress.Mode convert(String value) {
            return Progress.Mode.valueOf(value.trim().toUpperCase(Locale.ROOT));
        }
    }
}
