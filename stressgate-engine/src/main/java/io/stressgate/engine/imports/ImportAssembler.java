package io.stressgate.engine.imports;

import io.stressgate.engine.gate.GateEvaluator;
import io.stressgate.engine.gate.ResultsMetrics;
import io.stressgate.engine.result.GateResult;
import io.stressgate.engine.result.ImportedRun;
import io.stressgate.engine.result.LoadSummary;
import io.stressgate.engine.result.PhaseSummary;
import io.stressgate.engine.result.RunResults;
import io.stressgate.engine.result.RunStatus;
import io.stressgate.engine.result.ScenarioInfo;
import io.stressgate.engine.scenario.GateExpression;
import io.stressgate.engine.scenario.GateSpec;
import io.stressgate.engine.scenario.GatesFile;
import io.stressgate.engine.scenario.Location;
import io.stressgate.engine.scenario.Severity;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Turns another load tool's result file into {@link RunResults} of the usual schema, as {@code stressgate import}
 * writes them: the load through the one {@link LoadTranslator}, the file recorded in {@code imported}, and the gates
 * decided through {@link ImportedMetrics}, so a statistic the tool did not give breaks its gate with that reason. A
 * file that cannot be trusted to hold the tool's whole account makes the run INTERRUPTED (never PASSED), and one
 * without a single request an ERROR; every imported run also gets {@code iterations.succeeded > 0}.
 */
public final class ImportAssembler {
    static final String SUCCESS_GATE = "iterations.succeeded > 0";
    private final Clock clock;
    private final LoadTranslator translator = new LoadTranslator();

    public ImportAssembler(Clock clock) {
        this.clock = clock;
    }

    /** What was read and how: the format, the results, whether they are complete, and the file's digest. */
    public record Source(ImportFormat format, ImportedResults results, LocustExitSummary.Account account, FileDigest digest) {
    }

    /** The results of the import; {@code gates} is null without a gates file, {@code name} null for the file's own. */
    public RunResults assemble(Source source, GatesFile gates, String name) {
        ImportedResults r = source.results();
        Map<String, LoadSummary> load = translator.load(r, null);
        LoadSummary all = load.get(RunResults.ALL);
        long durationMs = r.duration() == null ? 0 : r.duration().toMillis();
        RunResults.Builder b = new RunResults.Builder()
                .runId(runId(source, gates, name))
                .scenario(info(source, gates, name))
                .startedAt(r.startedAt() != null ? r.startedAt() : clock.instant().minusMillis(durationMs))
                .durationMs(durationMs)
                .phases(List.of(new PhaseSummary(source.format().id(), "imported", 0, durationMs, all.requests(),
                        all.requests() - all.errors(), 0, 0, 0)))
                .load(load)
                .timeSeries(translator.series(r, null))
                .imported(imported(source));
        status(b, source, all);
        RunResults measured = b.build();
        List<GateResult> decided = new GateEvaluator().evaluate(gates(gates),
                new ImportedMetrics(r, new ResultsMetrics(measured)));
        return measured.withGates(decided);
    }

    /** Stand-in results written before the file is read, so an earlier run's outputs are never taken for the import's. */
    public RunResults inProgress(ImportFormat format, String file, String name) {
        Instant now = clock.instant();
        return new RunResults.Builder().runId(UUID.randomUUID().toString())
                .scenario(new ScenarioInfo(name != null ? name : format.id() + " import", "", file, null, null))
                .startedAt(now).load(Map.of(RunResults.ALL, new LoadSummary(0, 0, 0, 0, 0, 0, 0, null, Map.of(), Map.of(), 0, null)))
                .status(RunStatus.RUNNING, "the import of " + file + " that started at " + now + " has not finished; if no"
                        + " stressgate import runs any more, it ended before it could write its results")
                .build();
    }

    private static void status(RunResults.Builder b, Source source, LoadSummary all) {
        if (!source.account().complete()) {
            b.status(RunStatus.INTERRUPTED, "the imported file cannot be trusted to hold every request: " + source.account().reason());
        } else if (all.requests() == 0) {
            b.status(RunStatus.ERROR, "the imported file holds no request");
        } else {
            b.status(RunStatus.COMPLETED, null);
        }
    }

    private static ImportedRun imported(Source s) {
        ImportedResults r = s.results();
        return new ImportedRun(r.tool(), r.version(), s.format().id(), r.file().toString(), s.digest().sha256(),
                s.digest().bytes(), r.lines(), r.total().requests(), s.account().complete(), s.account().reason());
    }

    private static ScenarioInfo info(Source s, GatesFile gates, String name) {
        String shown = name != null ? name : gates != null && gates.name() != null ? gates.name()
                : s.format().id() + " " + s.results().file().getFileName();
        return new ScenarioInfo(shown, gates == null ? "" : gates.description(), gates == null ? null : gates.file(),
                gates == null ? null : gates.sha256(), null);
    }

    /** The same file gated the same way under the same name is the same run: a second upload is a duplicate. */
    private static String runId(Source s, GatesFile gates, String name) {
        String key = s.format().id() + "\n" + s.digest().sha256() + "\n" + (gates == null ? "" : gates.sha256()) + "\n"
                + (name == null ? "" : name);
        return UUID.nameUUIDFromBytes(key.getBytes(StandardCharsets.UTF_8)).toString();
    }

    private static List<GateSpec> gates(GatesFile file) {
        List<GateSpec> gates = new ArrayList<>(file == null ? List.of() : file.gates());
        if (gates.stream().noneMatch(g -> g.expression().metric().toString().equals("iterations.succeeded"))) {
            gates.add(new GateSpec(GateExpression.parse(SUCCESS_GATE), Severity.FAIL, false, Duration.ZERO,
                    new Location(file == null ? "(built in)" : file.file(), 0, 0)));
        }
        return gates;
    }
}
