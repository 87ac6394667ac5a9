package io.stressgate.cli;

import io.stressgate.engine.result.ExitCodes;
import io.stressgate.engine.regression.BaselineRun;
import io.stressgate.engine.regression.BaselineSelector;
import io.stressgate.engine.regression.MetricComparison;
import io.stressgate.engine.regression.RankSumResult;
import io.stressgate.engine.regression.RegressionAnalyzer;
import io.stressgate.engine.regression.RegressionPolicy;
import io.stressgate.engine.regression.RegressionReport;
import io.stressgate.engine.report.Text;
import io.stressgate.engine.result.RunResults;
import io.stressgate.engine.scenario.Quantities;
import io.stressgate.engine.scenario.Severity;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code stressgate compare A B}: B against the pinned baseline A, as a table of deltas and a regression verdict. */
@Command(name = "compare", description = "Compares run B with run A as its baseline (results.json files or run directories), "
        + "prints the deltas with the rank test behind each latency verdict, and exits 0 no regression, "
        + "3 regression of unstable severity, 1 of fail severity, 2 invalid input.")
final class CompareCommand implements Callable<Integer> {
    private static final String ROW = "%-16s %12s %12s %14s %11s  %-42s %s";

    @Parameters(index = "0", paramLabel = "A", description = "The baseline run.")
    private Path baseline;

    @Parameters(index = "1", paramLabel = "B", description = "The run to judge.")
    private Path candidate;

    @Option(names = "--latency-increase", paramLabel = "PCT", defaultValue = "10%", description = "Most p95 and p99 may grow (default: ${DEFAULT-VALUE}).")
    private String latencyIncrease;

    @Option(names = "--rps-drop", paramLabel = "PCT", defaultValue = "10%", description = "Most throughput may drop (default: ${DEFAULT-VALUE}).")
    private String rpsDrop;

    @Option(names = "--error-rise", paramLabel = "PCT", defaultValue = "1%", description = "Most the error rate may rise, in points (default: ${DEFAULT-VALUE}).")
    private String errorRise;

    @Option(names = "--alpha", paramLabel = "P", defaultValue = "0.05", description = "Significance level of the rank test (default: ${DEFAULT-VALUE}).")
    private String alpha;

    @Option(names = "--severity", paramLabel = "LEVEL", defaultValue = "unstable", description = "unstable or fail (default: ${DEFAULT-VALUE}).")
    private String severity;

    @Spec
    private CommandSpec spec;

    @Override
    public Integer call() {
        RegressionPolicy policy = policy();
        RunResults a = ResultsFiles.read(baseline);
        RunResults b = ResultsFiles.read(candidate);
        BaselineRun pinned = new BaselineRun(a.runId() == null ? baseline.toString() : a.runId(), 0, a);
        RegressionReport report = new RegressionAnalyzer(policy).analyze(b, new BaselineSelector(policy).pinned(pinned));
        print(spec.commandLine().getOut(), a, b, report);
        return ExitCodes.of(report.verdict());
    }

    private RegressionPolicy policy() {
        try {
            double latency = Quantities.fraction(latencyIncrease);
            return new RegressionPolicy(latency, latency, Quantities.fraction(rpsDrop), Quantities.fraction(errorRise),
                    Quantities.number(alpha), RegressionPolicy.DEFAULT.minSamples(), 1,
                    Severity.valueOf(severity.trim().toUpperCase(Locale.ROOT)));
        } catch (IllegalArgumentException e) {
            throw new UsageException("compare: " + e.getMessage());
        }
    }

    /** Prints the comparison; every line goes through {@link Text#visible}, as names and messages come from results. */
    static void print(PrintWriter out, RunResults a, RunResults b, RegressionReport report) {
        line(out, String.format("A (baseline):  %s, run %s, %s", a.scenario().name(), a.runId(), a.verdict()));
        line(out, String.format("B (candidate): %s, run %s, %s", b.scenario().name(), b.runId(), b.verdict()));
        if (!a.scenario().name().equals(b.scenario().name())) {
            line(out, "note: the runs are of different scenarios; their figures may not be comparable");
        }
        line(out, String.format(Locale.ROOT, ROW, "metric", "A", "B", "change", "limit", "rank test", "verdict"));
        for (MetricComparison c : report.comparisons()) {
            line(out, String.format(Locale.ROOT, ROW, c.metric(), value(c.baseline(), c.unit()), value(c.candidate(), c.unit()),
                    c.changeText(), c.limitText(), test(c.test()), c.regression() ? "REGRESSION" : "ok"));
        }
        out.println();
        report.comparisons().forEach(c -> line(out, "  " + c.message()));
        line(out, String.format("regression verdict: %s: %s", report.verdict(), report.summary()));
        out.flush();
    }

    /** One line of output with control characters, bidi overrides and line breaks from the data shown as code points. */
    private static void line(PrintWriter out, String text) {
        out.println(Text.visible(text));
    }

    private static String value(Double v, String unit) {
        if (v == null) {
            return "-";
        }
        return "%".equals(unit) ? Quantities.formatNumber(v * 100) + "%" : Quantities.formatNumber(v) + unit;
    }

    private static String test(RankSumResult t) {
        if (t == null) {
            return "-";
        }
        return String.format(Locale.ROOT, "U=%s z=%.2f p=%.3g delta=%.2f n=%d/%d", Quantities.formatNumber(t.u()), t.z(),
                t.pValue(), t.cliffsDelta(), t.candidateSize(), t.baselineSize());
    }
}
