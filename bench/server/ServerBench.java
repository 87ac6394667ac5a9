import io.stressgate.engine.result.CheckSummary;
import io.stressgate.engine.result.JobsSummary;
import io.stressgate.engine.result.ProcessSummary;
import io.stressgate.engine.result.QueueSummary;
import io.stressgate.engine.result.RunResults;
import io.stressgate.engine.result.RunStatus;
import io.stressgate.engine.scenario.Rate;
import io.stressgate.server.ServerConfig;
import io.stressgate.server.StressGateServer;
import io.stressgate.server.store.Scope;
import io.stressgate.server.store.StoreConfig;
import io.stressgate.server.store.TokenStore;
import io.stressgate.server.testing.HeadlessChromium;
import io.stressgate.server.testing.Postgres;
import io.stressgate.server.testing.SampleRuns;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.HdrHistogram.Histogram;
import org.openqa.selenium.By;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The reporting service benchmark (not a test): ingest throughput with 16 concurrent uploaders, and the job page of a
 * job with 1,000 builds (its HTML, its trend data, and the whole page in headless Chromium until the charts are
 * drawn, with the phases of the load from the page's timing marks), for a job of three trend charts and one of ten,
 * on SQLite and on PostgreSQL, with the service in this JVM and the clients beside it.
 * Arguments: store (sqlite or postgres), runs per uploader, builds of the history job, page requests, output dir.
 */
public final class ServerBench {
    private static final int UPLOADERS = 16;

    public static void main(String[] args) throws Exception {
        String store = args[0];
        int perUploader = Integer.parseInt(args[1]);
        int history = Integer.parseInt(args[2]);
        int pageRequests = Integer.parseInt(args[3]);
        Path dir = Files.createDirectories(Path.of(args[4]).resolve(store));
        Postgres postgres = store.equals("postgres") ? Postgres.start() : null;
        try {
            StoreConfig config = postgres != null ? StoreConfig.jdbc(postgres.freshDatabase(), dir) : StoreConfig.sqlite(dir);
            ServerConfig server = ServerConfig.defaults("127.0.0.1", 0, config, dir.resolve("backups"))
                    .withWriteRate(new Rate(1_000_000), 1_000_000);
            try (StressGateServer service = StressGateServer.start(server, Clock.systemUTC())) {
                String token = new TokenStore(service.database(), Clock.systemUTC()).create("bench", Scope.WRITE, null).secret();
                new ServerBench(service.port(), token).run(store, perUploader, history, pageRequests);
            }
        } finally {
            if (postgres != null) {
                postgres.close();
            }
        }
    }

    private final int port;
    private final String token;
    private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

    private ServerBench(int port, String token) {
        this.port = port;
        this.token = token;
    }

    private void run(String store, int perUploader, int history, int pageRequests) throws Exception {
        List<byte[]> bodies = bodies(UPLOADERS * perUploader + history);
        System.out.printf(Locale.ROOT, "%s: results.json of %d bytes on average%n", store,
                bodies.stream().mapToInt(b -> b.length).sum() / bodies.size());
        ingest("warmup", UPLOADERS, 50, bodies, 0, (u, i) -> "warm-" + u);
        Result ingest = ingest("ingest", UPLOADERS, perUploader, bodies, 0, (u, i) -> "bench-" + u);
        Result seeded = ingest("history", UPLOADERS, history / UPLOADERS, bodies, UPLOADERS * perUploader, (u, i) -> "history");
        System.out.printf(Locale.ROOT, "%s: ingest %d runs by %d uploaders in %.2f s = %.0f runs/s (upload p50 %.1f ms, p99 %.1f ms, "
                        + "non-2xx %d)%n", store, ingest.count, UPLOADERS, ingest.seconds, ingest.count / ingest.seconds,
                ingest.latency.getValueAtPercentile(50) / 1e3, ingest.latency.getValueAtPercentile(99) / 1e3, ingest.failures);
        System.out.printf(Locale.ROOT, "%s: history job seeded with %d builds at %.0f runs/s (non-2xx %d)%n", store, seeded.count,
                seeded.count / seeded.seconds, seeded.failures);
        Result rich = ingest("rich", UPLOADERS, history / UPLOADERS, richBodies(history), 0, (u, i) -> "rich");
        System.out.printf(Locale.ROOT, "%s: job with every trend metric seeded with %d builds (non-2xx %d)%n", store, rich.count,
                rich.failures);
        page(store, "/jobs/history", pageRequests);
        page(store, "/api/v1/jobs/history/trend?last=1000", pageRequests);
        page(store, "/", pageRequests);
        browser(store, "/jobs/history", Math.max(5, pageRequests / 10));
        browser(store, "/jobs/history?last=1000", Math.max(5, pageRequests / 10));
        browser(store, "/jobs/rich?last=1000", Math.max(5, pageRequests / 10));
    }

    /**
     * Runs with every metric the trend charts (processes, a queue, jobs, orphans, checks besides the load), as a job
     * with a worker pool and checks has them: ten trend charts, most of them below the window.
     */
    private static List<byte[]> richBodies(int count) {
        List<byte[]> bodies = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            long lost = i % 7 == 0 ? 1 : 0;
            RunResults r = SampleRuns.run("checkout", 30 + i % 20, 60, 40, i + 1L, RunStatus.COMPLETED, i % 10 != 0).toBuilder()
                    .processes(Map.of("worker", new ProcessSummary(List.of(100L + i), (200L + i % 50) << 20, 80, 12, 40, 0, 1, 1L, 1L,
                            List.of(new ProcessSummary.CountChange(0, 1)), 0L, 0L, List.of(), List.of())))
                    .queues(Map.of("jobs", new QueueSummary("list", "rq:queue:default", 100 + i % 40, 0, 1_000L + i % 300, true, 600,
                            List.of())))
                    .jobs(new JobsSummary(2_400, 2_400 - lost, 0, 0, lost, 0, 0, null, null, Map.of(), List.of()))
                    .runCookie("sg-" + i)
                    .checks(List.of(new CheckSummary("submit", "has-id", "json /id exists", true, 2_400 - i % 5, i % 5)))
                    .build();
            bodies.add(SampleRuns.json(r));
        }
        return bodies;
    }

    /** The job page in headless Chromium: from navigation until its trend charts are drawn. */
    private void browser(String store, String path, int loads) throws Exception {
        if (!Files.isExecutable(Path.of("/usr/bin/chromium"))) {
            System.out.printf("%s: no /usr/bin/chromium, browser timing skipped%n", store);
            return;
        }
        Histogram times = new Histogram(3);
        Histogram inPage = new Histogram(3);
        List<double[]> phases = new ArrayList<>();
        try (HeadlessChromium chromium = HeadlessChromium.start()) {
            for (int i = 0; i < loads + 2; i++) {
                long t0 = System.nanoTime();
                chromium.driver().get("http://127.0.0.1:" + port + path);
                new WebDriverWait(chromium.driver(), Duration.ofSeconds(30), Duration.ofMillis(5))
                        .until(d -> "true".equals(d.findElement(By.id("trend")).getDomAttribute("data-drawn")));
                if (i >= 2) {
                    times.recordValue((System.nanoTime() - t0) / 1000);
                    inPage.recordValue(Long.parseLong(chromium.driver().findElement(By.id("trend")).getDomAttribute("data-drawn-ms")));
                    @SuppressWarnings("unchecked")
                    List<Number> marks = (List<Number>) chromium.driver().executeScript(PHASES);
                    phases.add(marks.stream().mapToDouble(Number::doubleValue).toArray());
                }
            }
        }
        double[] median = new double[PHASE_NAMES.length];
        for (int k = 0; k < median.length; k++) {
            int column = k;
            double[] sorted = phases.stream().mapToDouble(p -> p[column]).sorted().toArray();
            median[k] = sorted[sorted.length / 2];
        }
        StringBuilder line = new StringBuilder();
        for (int k = 0; k < median.length; k++) {
            line.append(k == 0 ? "" : ", ").append(PHASE_NAMES[k]).append(' ').append(Math.round(median[k]));
        }
        System.out.printf(Locale.ROOT, "%s: %s phases, ms since navigation start, median of %d loads: %s%n", store, path, loads, line);
        System.out.printf(Locale.ROOT, "%s: %s in headless Chromium until its charts are drawn: p50 %.0f ms, max %.0f ms over %d loads "
                + "(in the page, from navigation start: p50 %d ms, max %d ms; the rest is WebDriver)%n", store, path,
                times.getValueAtPercentile(50) / 1e3, times.getMaxValue() / 1e3, loads, inPage.getValueAtPercentile(50), inPage.getMaxValue());
    }

    private static final String[] PHASE_NAMES = {"html", "chart.js loaded", "trend data loaded", "scripts run",
        "data parsed", "charts drawn", "trend requests"};
    /** The page's own timings: navigation and resource timing, and the marks pages.js sets. */
    private static final String PHASES = """
            var nav = performance.getEntriesByType('navigation')[0];
            var resources = performance.getEntriesByType('resource');
            function end(part) {
              var e = resources.filter(function (r) { return r.name.indexOf(part) >= 0; });
              return e.length ? e[e.length - 1].responseEnd : -1;
            }
            function mark(name) {
              var e = performance.getEntriesByName('stressgate:' + name);
              return e.length ? e[0].startTime : -1;
            }
            return [nav.responseEnd, end('chart.umd.js'), end('/trend'), nav.domContentLoadedEventEnd, mark('parsed'),
                mark('drawn'), resources.filter(function (r) { return r.name.indexOf('/trend') >= 0; }).length];""";

    private static List<byte[]> bodies(int count) {
        List<byte[]> bodies = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            bodies.add(SampleRuns.json(SampleRuns.run("checkout", 30 + i % 20, 60, 40, i + 1L, RunStatus.COMPLETED, i % 10 != 0)));
        }
        return bodies;
    }

    private record Result(int count, double seconds, Histogram latency, int failures) {
    }

    private interface JobName {
        String of(int uploader, int index);
    }

    private Result ingest(String label, int uploaders, int each, List<byte[]> bodies, int offset, JobName job) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(uploaders);
        Histogram latency = new Histogram(3);
        AtomicInteger failures = new AtomicInteger();
        AtomicInteger build = new AtomicInteger();
        long start = System.nanoTime();
        try {
            List<Future<?>> futures = new ArrayList<>();
            for (int u = 0; u < uploaders; u++) {
                int uploader = u;
                futures.add(pool.submit(() -> {
                    for (int i = 0; i < each; i++) {
                        String name = job.of(uploader, i);
                        long number = name.equals("history") || name.equals("rich") ? build.incrementAndGet() : i + 1;
                        byte[] body = bodies.get((offset + uploader * each + i) % bodies.size());
                        long t0 = System.nanoTime();
                        int status = upload(name, number, body);
                        synchronized (latency) {
                            latency.recordValue((System.nanoTime() - t0) / 1000);
                        }
                        if (status != 201 && status != 200) {
                            failures.incrementAndGet();
                        }
                    }
                    return null;
                }));
            }
            for (Future<?> f : futures) {
                f.get(30, TimeUnit.MINUTES);
            }
        } finally {
            pool.shutdownNow();
        }
        return new Result(uploaders * each, (System.nanoTime() - start) / 1e9, latency, failures.get());
    }

    private int upload(String job, long build, byte[] body) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/v1/runs?job=" + job + "&build=" + build))
                .timeout(Duration.ofSeconds(60)).header("Authorization", "Bearer " + token).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build();
        return client.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
    }

    private void page(String store, String path, int requests) throws Exception {
        Histogram times = new Histogram(3);
        long bytes = 0;
        for (int i = 0; i < requests + 20; i++) {
            long t0 = System.nanoTime();
            HttpResponse<byte[]> response = client.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).build(),
                    HttpResponse.BodyHandlers.ofByteArray());
            long micros = (System.nanoTime() - t0) / 1000;
            if (response.statusCode() != 200) {
                throw new IllegalStateException(path + " answered " + response.statusCode());
            }
            if (i >= 20) {
                times.recordValue(micros);
                bytes = response.body().length;
            }
        }
        System.out.printf(Locale.ROOT, "%s: GET %s (%d bytes) p50 %.1f ms, p95 %.1f ms, max %.1f ms over %d requests%n", store, path,
                bytes, times.getValueAtPercentile(50) / 1e3, times.getValueAtPercentile(95) / 1e3, times.getMaxValue() / 1e3, requests);
    }
}
