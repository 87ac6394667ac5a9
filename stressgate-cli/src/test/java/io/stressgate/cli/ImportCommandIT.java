package io.stressgate.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.stressgate.engine.result.ExitCodes;
import io.stressgate.engine.result.GateResult;
import io.stressgate.engine.result.ResultsReader;
import io.stressgate.engine.result.RunResults;
import io.stressgate.engine.result.RunStatus;
import io.stressgate.engine.result.Verdict;
import io.stressgate.server.ServerConfig;
import io.stressgate.server.StressGateServer;
import io.stressgate.server.store.Scope;
import io.stressgate.server.store.StoreConfig;
import io.stressgate.server.store.TokenStore;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Clock;
import java.util.HexFormat;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * {@code stressgate import} through the real command line in its own JVM, on the importers' fixture files and on
 * malformed ones written here: outputs, the imported block, gate verdicts and exit codes, and a publish of the result
 * to a real reporting service.
 */
class ImportCommandIT {
    private static final Path FIXTURES = Path.of("../stressgate-engine/src/test/resources/imports").toAbsolutePath().normalize();
    private static final String HEADER = "timeStamp,elapsed,label,responseCode,responseMessage,threadName,dataType,success,"
            + "failureMessage,bytes,sentBytes,grpThreads,allThreads,URL,Latency,IdleTime,Connect\n";
    private static final String SAMPLE = "1733400000100,12,home,200,OK,T 1-1,text,true,,558,120,1,1,http://127.0.0.1/,11,0,1\n";

    @TempDir
    Path dir;

    @Test
    void shouldWriteTheUsualOutputsWithTheImportedFileAndExitUnstableOnABrokenUnstableGate() throws Exception {
        Path jtl = FIXTURES.resolve("jmeter/header.jtl");
        Path gates = write("gates.yml", """
                name: shop search
                gates:
                  - http.p95 < 2s
                  - {expr: "http.error_rate < 10%", severity: unstable}
                """);

        CliRunner.Outcome o = run("import", "jmeter", jtl.toString(), "--out", "out", "--gates", gates.toString(),
                "--tool-version", "5.6.3");

        assertThat(o.exitCode()).as(o.out() + o.err()).isEqualTo(ExitCodes.UNSTABLE);
        RunResults r = results("out");
        assertThat(r.verdict()).isEqualTo(Verdict.UNSTABLE);
        assertThat(r.scenario().name()).isEqualTo("shop search");
        assertThat(r.all().requests()).isEqualTo(8);
        assertThat(r.imported().tool()).isEqualTo("jmeter");
        assertThat(r.imported().format()).isEqualTo("jmeter");
        assertThat(r.imported().version()).as("a JTL does not record it").isEqualTo("5.6.3");
        assertThat(r.imported().sha256()).isEqualTo(sha256(jtl));
        assertThat(r.imported().complete()).isTrue();
        assertThat(r.gates()).extracting(GateResult::expression)
                .containsExactly("http.p95 < 2s", "http.error_rate < 10%", "iterations.succeeded > 0");
        assertThat(dir.resolve("out")).isDirectoryContaining("glob:**/report.html").isDirectoryContaining("glob:**/junit.xml")
                .isDirectoryContaining("glob:**/summary.md");
        assertThat(o.out()).contains("imported jmeter", sha256(jtl));
    }

    @Test
    void shouldBreakAGateOnAPercentileTheToolDidNotGiveAndSaySo() throws Exception {
        Path gates = write("gates.yml", "gates: [\"http.p95 < 1s\", \"http.p99 < 1s\"]\n");

        CliRunner.Outcome o = run("import", "k6", FIXTURES.resolve("k6/summary.json").toString(), "--out", "out", "--gates",
                gates.toString());

        assertThat(o.exitCode()).as(o.out() + o.err()).isEqualTo(ExitCodes.FAILED);
        RunResults r = results("out");
        assertThat(r.gates().get(0).passed()).isTrue();
        assertThat(r.gates().get(1).passed()).isFalse();
        assertThat(r.gates().get(1).message()).contains("p99 not given by k6 summary-export");
        assertThat(r.status()).isEqualTo(RunStatus.COMPLETED);
    }

    @Test
    void shouldPassALocustCsvOnlyWhenItsExitSummaryConfirmsItsTotalsAndRecordTheInstalledVersion() throws Exception {
        Path log = write("locust.log", """
                [2026-12-05 18:00:10,000] host/INFO/locust.main: Shutting down (exit code 1)
                Type     Name                Request Count  # fails |    Avg     Min     Max    Med |   req/s  failures/s
                --------|------------------|-------|-------------|-------|-------|-------|-------|--------|-----------
                GET      home                         194     0(0.00%) |      5       1     162      3 |   16.19        0.00
                --------|------------------|-------|-------------|-------|-------|-------|-------|--------|-----------
                         Aggregated                   429   235(54.78%) |      4       1     165      3 |   35.80       19.61
                """);
        String csv = FIXTURES.resolve("locust/run").toString();

        CliRunner.Outcome unchecked = run("import", "locust", csv, "--out", "unchecked");
        CliRunner.Outcome checked = run("import", "locust", csv, "--out", "checked", "--log", log.toString());

        assertThat(unchecked.exitCode()).as(unchecked.out() + unchecked.err()).isEqualTo(ExitCodes.FAILED);
        assertThat(results("unchecked").status()).isEqualTo(RunStatus.INTERRUPTED);
        assertThat(results("unchecked").imported().reason()).contains("no output of Locust was given");
        assertThat(checked.exitCode()).as(checked.out() + checked.err()).isEqualTo(ExitCodes.PASSED);
        assertThat(results("checked").imported().complete()).isTrue();
        assertThat(results("checked").imported().version()).isEqualTo(debianLocustUpstreamVersion());
    }

    @Test
    void shouldExitTwoNamingTheLineOfAJtlWithWrongColumns() throws Exception {
        Path jtl = write("wrong.jtl", HEADER + SAMPLE + "1733400000200,abc,home,200\n");

        CliRunner.Outcome o = run("import", "jmeter", jtl.toString(), "--out", "out");

        assertThat(o.exitCode()).as(o.out() + o.err()).isEqualTo(ExitCodes.USAGE);
        assertThat(o.err()).contains(jtl + ":3:");
        assertThat(results("out").status()).isEqualTo(RunStatus.RUNNING);
    }

    @Test
    void shouldNeverPassAJtlWhoseLastLineIsCutOff() throws Exception {
        Path jtl = write("cut.jtl", HEADER + SAMPLE + SAMPLE + "1733400000300,14,home,200,OK,T 1-1,te");

        CliRunner.Outcome o = run("import", "jmeter", jtl.toString(), "--out", "out");

        assertThat(o.exitCode()).as(o.out() + o.err()).isIn(ExitCodes.FAILED, ExitCodes.USAGE);
        assertThat(o.out() + o.err()).contains("line 4");
        assertThat(results("out").verdict()).isNotEqualTo(Verdict.PASSED);
    }

    @Test
    void shouldExitTwoOnAnEmptyOrBinaryFileAndOnAnUnknownFormat() throws Exception {
        Path empty = write("empty.jtl", "");
        Path binary = dir.resolve("binary.log");
        Files.write(binary, new byte[] {0x00, 0x01, (byte) 0xff, 0x7f, 0x00, 0x1b, 0x02, 0x03});

        CliRunner.Outcome e = run("import", "jmeter", empty.toString(), "--out", "e");
        CliRunner.Outcome b = run("import", "gatling", binary.toString(), "--out", "b");
        CliRunner.Outcome f = run("import", "wrk", empty.toString(), "--out", "f");

        assertThat(e.exitCode()).as(e.out() + e.err()).isEqualTo(ExitCodes.USAGE);
        assertThat(e.err()).contains(empty.toString());
        assertThat(b.exitCode()).as(b.out() + b.err()).isEqualTo(ExitCodes.USAGE);
        assertThat(b.err()).contains(binary.toString());
        assertThat(f.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(f.err()).contains("unknown result format 'wrk'");
    }

    @Test
    void shouldExitTwoNamingTheGatesFileLineOfAGateAnImportCannotHave() throws Exception {
        Path gates = write("gates.yml", "gates:\n  - http.p95 < 1s\n  - queue{name=jobs}.max_depth < 100\n");

        CliRunner.Outcome o = run("import", "jmeter", FIXTURES.resolve("jmeter/header.jtl").toString(), "--out", "out",
                "--gates", gates.toString());

        assertThat(o.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(o.err()).contains(gates + ":3").contains("an imported run has only the load tool's figures");
        assertThat(dir.resolve("out")).doesNotExist();
    }

    @Test
    void shouldPublishAnImportToTheReportingServiceWithItsImportedBlock() throws Exception {
        assertThat(run("import", "gatling", FIXTURES.resolve("gatling/simulation.log").toString(), "--out", "out")
                .exitCode()).isEqualTo(ExitCodes.PASSED);
        try (StressGateServer service = StressGateServer.start(ServerConfig.defaults("127.0.0.1", 0,
                StoreConfig.sqlite(dir.resolve("data")), dir.resolve("backups")), Clock.systemUTC())) {
            String token = new TokenStore(service.database(), Clock.systemUTC()).create("ci", Scope.WRITE, null).secret();
            StringWriter out = new StringWriter();
            CommandLine cli = new CommandLine(new PublishCommand(Map.of("STRESSGATE_TOKEN", token)::get, d -> { }));
            cli.setOut(new PrintWriter(out, true));
            cli.setErr(new PrintWriter(out, true));

            int code = cli.execute(dir.resolve("out").toString(), "--server", "http://127.0.0.1:" + service.port(),
                    "--job", "shop", "--build", "1");

            assertThat(code).as(out.toString()).isEqualTo(ExitCodes.PASSED);
            HttpResponse<String> runs = get(service, "/api/v1/jobs/shop/runs");
            String id = runs.body().replaceAll("(?s).*?\"id\"\\s*:\\s*\"([^\"]+)\".*", "$1");
            HttpResponse<String> stored = get(service, "/api/v1/runs/" + id + "/results");
            assertThat(stored.statusCode()).as(stored.body()).isEqualTo(200);
            RunResults back = new ResultsReader().read(stored.body().getBytes(StandardCharsets.UTF_8));
            assertThat(back.imported()).isEqualTo(results("out").imported());
            assertThat(back.imported().version()).isEqualTo("3.9.5");
        }
    }

    private static HttpResponse<String> get(StressGateServer service, String path) throws Exception {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + service.port() + path))
                .build(), HttpResponse.BodyHandlers.ofString());
    }

    private CliRunner.Outcome run(String... args) throws Exception {
        try (CliRunner cli = new CliRunner(dir)) {
            return cli.run(Map.of(), args);
        }
    }

    private RunResults results(String out) throws Exception {
        return new ResultsReader().read(dir.resolve(out).resolve("results.json"));
    }

    private Path write(String name, String text) throws Exception {
        return Files.writeString(dir.resolve(name), text, StandardCharsets.UTF_8);
    }

    private static String sha256(Path file) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(file)));
    }

    /** What dpkg says of the installed python3-locust, without its Debian revision: the version Locust itself hides. */
    private static String debianLocustUpstreamVersion() throws Exception {
        Process p = new ProcessBuilder("dpkg-query", "-W", "-f=${Version}", "python3-locust").redirectErrorStream(true).start();
        try {
            assertThat(p.waitFor(10, TimeUnit.SECONDS)).isTrue();
            String v = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
            assertThat(p.exitValue()).as(v).isZero();
            return v.replaceFirst("^\\d+:", "").replaceFirst("-[^-]*$", "");
        } finally {
            p.destroyForcibly();
        }
    }
}
