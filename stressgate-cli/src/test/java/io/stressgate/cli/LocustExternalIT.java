package io.stressgate.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

import io.stressgate.engine.result.ChaosEvent;
import io.stressgate.engine.result.ExternalRun;
import io.stressgate.engine.result.LoadSummary;
import io.stressgate.engine.result.ResultsReader;
import io.stressgate.engine.result.RunResults;
import io.stressgate.engine.result.RunStatus;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Debian's Locust (python3-locust) run through {@code executor: external} against a real nginx on loopback, with a
 * chaos action during its run: the imported counts and percentiles are Locust's own, nginx's access log is the
 * reference for what was really served, and the chaos event sits inside the tool's time line on the run's axis.
 */
class LocustExternalIT {
    private static final Path LOCUST = Path.of("/usr/bin/locust");
    private static final Path LOCUSTFILE = Path.of("src/test/resources/external/locustfile.py").toAbsolutePath();
    private static final int USERS = 20;

    @TempDir
    Path dir;

    @Test
    void shouldImportLocustsOwnFiguresAndPlaceAChaosActionOnTheToolsTimeLine() throws Exception {
        assumeThat(Files.isExecutable(LOCUST)).as("Debian's python3-locust is installed (test.sh installs it)").isTrue();
        Path nginxDir = Files.createDirectories(dir.resolve("nginx"));
        try (Nginx nginx = Nginx.start(nginxDir, List.of("127.0.0.1")); CliRunner cli = new CliRunner(dir)) {
            String cookie = "locust-it-" + System.nanoTime();
            cli.trackCookie(cookie);
            Path scenario = Files.writeString(dir.resolve("locust.yml"), """
                    name: locust through stress gate
                    load:
                      - name: locust
                        executor: external
                        command: [/usr/bin/locust, -f, "%s", --headless, -u, "%d", -r, "%d", -t, 8s,
                                  --host, "http://127.0.0.1:%d", --csv, "{{out}}/locust", --only-summary]
                        duration: 8s
                        timeout: 60s
                        results: {format: locust, path: "{{out}}/locust"}
                    services:
                      - {name: dummy, command: [sleep, "120"]}
                    chaos:
                      - {name: freeze-dummy, at: 3s, action: pause, target: dummy, duration: 1s}
                    gates:
                      - http.error_rate < 1%%
                      - http{name=item}.p95 < 5s
                    """.formatted(LOCUSTFILE, USERS, USERS, nginx.port()));
            Map<String, String> env = new HashMap<>(Map.of("STRESSGATE_RUN", cookie));

            CliRunner.Outcome outcome = cli.run(env, "run", scenario.toString(), "--out", dir.resolve("out").toString());

            RunResults r = new ResultsReader().read(dir.resolve("out/results.json"));
            assertThat(r.status()).as(outcome.err()).isEqualTo(RunStatus.COMPLETED);
            ExternalRun tool = r.external();
            assertThat(tool.exitCode()).isZero();

            Map<String, String[]> csv = locustCsv(dir.resolve("out/external/locust/locust_stats.csv"));
            assertThat(r.all().requests()).as("Locust's own total").isEqualTo(Long.parseLong(csv.get("Aggregated")[2]));
            assertThat(r.load()).containsKeys("/", "item", "/cart");
            for (String name : List.of("/", "item", "/cart")) {
                String[] row = csv.get(name);
                LoadSummary s = r.load().get(name);
                assertThat(s.requests()).as(name).isEqualTo(Long.parseLong(row[2]));
                assertWithinResolution(name + " p50", s.latencyMs().p50(), row[11]);
                assertWithinResolution(name + " p95", s.latencyMs().p95(), row[16]);
                assertWithinResolution(name + " p99", s.latencyMs().p99(), row[18]);
            }

            long served = nginx.requestsLogged();
            Long printed = tool.imported().printedAtExit();
            assertThat(printed).as("Locust printed its totals at exit").isNotNull();
            assertThat(served - printed).as("nginx served %d, Locust counted %d at exit: at most the requests in flight"
                    + " when Locust stopped its %d users are missing", served, printed, USERS).isBetween(0L, (long) USERS);
            assertThat(r.all().requests()).as("the CSV never holds more than Locust counted at exit").isLessThanOrEqualTo(printed);
            assertThat(tool.imported().complete()).isEqualTo(r.all().requests() == printed);
            assertThat(tool.imported().version()).as("Locust's version (Debian's locust reports an empty one itself)")
                    .matches("\\d+\\.\\d+(\\.\\d+)?");
            if (!tool.imported().complete()) {
                assertThat(tool.imported().reason()).contains("requests but its summary printed at exit counts " + String.format("%,d", printed));
            }

            ChaosEvent freeze = r.chaos().stream().filter(c -> c.name().equals("freeze-dummy")).findFirst().orElseThrow();
            assertThat(freeze.atMs()).as("the pause counts from the tool's start, on the run's axis")
                    .isBetween(tool.startMs() + 3_000, tool.startMs() + 4_500).isLessThan(tool.endMs());
            assertThat(r.phases()).singleElement().satisfies(p -> assertThat(p.startMs()).isEqualTo(tool.startMs()));
            System.out.printf("LocustExternalIT: nginx served %d, Locust printed %d at exit, its CSV holds %d; complete=%s%n",
                    served, printed, r.all().requests(), tool.imported().complete());
        }
    }

    /** Locust rounds a percentile to whole ms below 100 ms, to 10 ms below 1 s, to 100 ms below 10 s. */
    private static void assertWithinResolution(String what, double imported, String reported) {
        double value = Double.parseDouble(reported);
        double step = value < 100 ? 1 : value < 1000 ? 10 : 100;
        assertThat(imported).as(what + " (Locust reported " + reported + ")").isCloseTo(value, org.assertj.core.data.Offset.offset(step));
    }

    /** Locust's stats rows by name (the CSV has no quoted names in this locustfile). */
    private static Map<String, String[]> locustCsv(Path file) throws Exception {
        Map<String, String[]> rows = new HashMap<>();
        List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        for (String line : lines.subList(1, lines.size())) {
            String[] cells = line.split(",");
            rows.put(cells[1], cells);
        }
        return rows;
    }
}
