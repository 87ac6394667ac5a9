package io.stressgate.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

import io.stressgate.engine.result.ExitCodes;
import io.stressgate.engine.result.ImportedRun;
import io.stressgate.engine.result.ResultsReader;
import io.stressgate.engine.result.RunResults;
import io.stressgate.engine.result.RunStatus;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Debian's Locust run by hand against a real nginx on loopback, then {@code stressgate import locust} on its CSV with
 * its console output as {@code --log}: the import holds Locust's own totals, and is complete (and may pass) exactly
 * when the total Locust printed at exit equals its CSV's.
 */
class LocustImportIT {
    private static final Path LOCUST = Path.of("/usr/bin/locust");
    private static final Path LOCUSTFILE = Path.of("src/test/resources/external/locustfile.py").toAbsolutePath();
    private static final int USERS = 10;

    @TempDir
    Path dir;

    @Test
    void shouldImportARealLocustCsvAndTrustItOnlyWhenItsExitSummaryAgrees() throws Exception {
        assumeThat(Files.isExecutable(LOCUST)).as("Debian's python3-locust is installed (test.sh installs it)").isTrue();
        try (Nginx nginx = Nginx.start(Files.createDirectories(dir.resolve("nginx")), List.of("127.0.0.1"));
             CliRunner cli = new CliRunner(dir)) {
            CliRunner.Outcome locust = cli.runCommand(List.of(LOCUST.toString(), "-f", LOCUSTFILE.toString(), "--headless",
                    "-u", String.valueOf(USERS), "-r", String.valueOf(USERS), "-t", "4s", "--stop-timeout", "3",
                    "--host", "http://127.0.0.1:" + nginx.port(), "--csv", dir.resolve("locust").toString(), "--only-summary"),
                    Map.of());
            Path log = Files.writeString(dir.resolve("locust-console.txt"), locust.out() + locust.err(), StandardCharsets.UTF_8);

            CliRunner.Outcome o = cli.run(Map.of(), "import", "locust", dir.resolve("locust").toString(), "--log", log.toString(),
                    "--out", "out");

            RunResults r = new ResultsReader().read(dir.resolve("out/results.json"));
            ImportedRun imported = r.imported();
            long csvTotal = csvAggregated(dir.resolve("locust_stats.csv"));
            long printed = printedTotal(log);
            assertThat(r.all().requests()).as("Locust's own CSV total").isEqualTo(csvTotal);
            assertThat(imported.complete()).as(imported.reason()).isEqualTo(csvTotal == printed);
            assertThat(o.exitCode()).as(o.out() + o.err()).isEqualTo(csvTotal == printed ? ExitCodes.PASSED : ExitCodes.FAILED);
            if (csvTotal != printed) {
                assertThat(r.status()).isEqualTo(RunStatus.INTERRUPTED);
                assertThat(imported.reason()).contains(String.format("%,d requests but its summary printed at exit counts %,d",
                        csvTotal, printed));
            }
            assertThat(nginx.requestsLogged() - printed).as("nginx served at least what Locust counted at exit")
                    .isBetween(0L, (long) USERS);
            assertThat(imported.version()).matches("\\d+\\.\\d+(\\.\\d+)?");
        }
    }

    private static long csvAggregated(Path stats) throws Exception {
        for (String line : Files.readAllLines(stats, StandardCharsets.UTF_8)) {
            String[] cells = line.split(",");
            if (cells.length > 2 && cells[1].equals("Aggregated")) {
                return Long.parseLong(cells[2]);
            }
        }
        throw new AssertionError("no Aggregated row in " + stats);
    }

    /** The total of Locust's last request table, read here independently of the importer. */
    private static long printedTotal(Path log) throws Exception {
        long total = -1;
        for (String line : Files.readAllLines(log, StandardCharsets.UTF_8)) {
            String[] words = line.trim().split("\\s+");
            // the request table's row ("Aggregated 339 0(0.00%) | ..."), not the percentile table's ("Aggregated 5 6 ...")
            if (words.length > 2 && words[0].equals("Aggregated") && words[1].matches("\\d+") && words[2].matches("\\d+\\(.*")) {
                total = Long.parseLong(words[1]);
            }
        }
        assertThat(total).as("Locust printed a summary table in " + log).isNotNegative();
        return total;
    }
}
