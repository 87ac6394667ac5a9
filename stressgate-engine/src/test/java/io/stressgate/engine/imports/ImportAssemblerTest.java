package io.stressgate.engine.imports;

import static org.assertj.core.api.Assertions.assertThat;

import io.stressgate.engine.result.ResultsJson;
import io.stressgate.engine.result.ResultsReader;
import io.stressgate.engine.result.RunResults;
import io.stressgate.engine.result.RunStatus;
import io.stressgate.engine.result.Verdict;
import io.stressgate.engine.scenario.GatesFile;
import io.stressgate.engine.scenario.GatesFileLoader;
import io.stressgate.engine.scenario.ScenarioLimits;
import io.stressgate.engine.scenario.Variables;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ImportAssemblerTest {
    private static final Path FIXTURES = Path.of("src/test/resources/imports");
    private final ImportAssembler assembler = new ImportAssembler(Clock.fixed(Instant.parse("2026-12-05T18:00:00Z"), ZoneOffset.UTC));
    private final ResultImporter importer = new ResultImporter();

    @Test
    void shouldWriteResultsTheStrictReaderAcceptsWithTheImportedFileRecorded() throws Exception {
        RunResults r = assembler.assemble(source(ImportFormat.JMETER, FIXTURES.resolve("jmeter/header.jtl")), null, null);

        RunResults back = new ResultsReader().read(ResultsJson.toJson(r).getBytes(StandardCharsets.UTF_8));

        assertThat(back).isEqualTo(r);
        assertThat(r.verdict()).isEqualTo(Verdict.PASSED);
        assertThat(r.imported().requests()).isEqualTo(8);
        assertThat(r.imported().sha256()).isEqualTo(FileDigest.of(FIXTURES.resolve("jmeter/header.jtl")).sha256());
        assertThat(r.scenario().name()).isEqualTo("jmeter header.jtl");
        assertThat(r.startedAt()).isEqualTo(Instant.ofEpochMilli(1733400000100L));
        assertThat(r.gates()).singleElement().satisfies(g -> assertThat(g.expression()).isEqualTo("iterations.succeeded > 0"));
    }

    @Test
    void shouldBreakAGateOnAStatisticTheToolDidNotGiveWithThatReason() throws Exception {
        GatesFile gates = new GatesFileLoader(Variables.of(Map.of()), ScenarioLimits.DEFAULTS)
                .parse("g.yml", "gates: [\"http.p95 < 100ms\", \"http.p99 < 1s\"]");

        RunResults r = assembler.assemble(source(ImportFormat.K6, FIXTURES.resolve("k6/summary.json")), gates, "k6 run");

        assertThat(r.gates().get(0).passed()).isTrue();
        assertThat(r.gates().get(1).passed()).isFalse();
        assertThat(r.gates().get(1).message()).contains("p99 not given by k6 summary-export");
        assertThat(r.verdict()).isEqualTo(Verdict.FAILED);
        assertThat(r.scenario().name()).isEqualTo("k6 run");
    }

    @Test
    void shouldNeverPassAnIncompleteFileNorOneWithoutRequests() throws Exception {
        ImportedResults jtl = importer.read(ImportFormat.JMETER, FIXTURES.resolve("jmeter/header.jtl"));
        ImportedResults cut = new ImportedResults(jtl.tool(), jtl.version(), jtl.file(), jtl.startedAt(), jtl.duration(),
                jtl.byName(), jtl.total(), jtl.interval(), jtl.intervals(), jtl.intervalsByName(), jtl.lines(), false, "cut off");
        ImportedResults none = new ImportedResults("jmeter", "unknown", jtl.file(), null, null, Map.of(),
                new RequestFigures(0, 0, Map.of(), 0, null, null), null, null, null, 0, true, null);

        RunResults incomplete = assembler.assemble(source(ImportFormat.JMETER, cut), null, null);
        RunResults empty = assembler.assemble(source(ImportFormat.JMETER, none), null, null);

        assertThat(incomplete.status()).isEqualTo(RunStatus.INTERRUPTED);
        assertThat(incomplete.statusReason()).contains("cut off");
        assertThat(incomplete.verdict()).isEqualTo(Verdict.FAILED);
        assertThat(empty.status()).isEqualTo(RunStatus.ERROR);
        assertThat(empty.verdict()).isEqualTo(Verdict.FAILED);
    }

    private ImportAssembler.Source source(ImportFormat format, Path file) throws Exception {
        return source(format, importer.read(format, file));
    }

    private static ImportAssembler.Source source(ImportFormat format, ImportedResults r) throws Exception {
        return new ImportAssembler.Source(format, r, new LocustExitSummary().account(format, r, null), FileDigest.of(r.file()));
    }
}
