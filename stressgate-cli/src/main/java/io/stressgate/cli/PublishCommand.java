package io.stressgate.cli;

import io.stressgate.engine.result.ExitCodes;
import io.stressgate.engine.result.RunResults;
import io.stressgate.engine.result.RunStatus;
import io.stressgate.engine.scenario.Quantities;
import java.io.IOException;
import java.io.PrintWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Properties;
import java.util.concurrent.Callable;
import java.util.function.Function;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code stressgate publish DIR}: uploads a run's results.json to the reporting service with the build it belongs to.
 * The token comes from the environment variable {@value #TOKEN_VARIABLE} only. When the service cannot be reached in
 * the allowed tries and time, the results are copied to a spool directory whose path is printed with the command
 * that sends them again (same idempotency key, so nothing is stored twice).
 */
@Command(name = "publish", description = "Uploads results.json (a file or a run directory) to the reporting service; the token "
        + "is read from the environment variable STRESSGATE_TOKEN. Retries 5xx, 429 and connection errors with backoff; "
        + "keeps the results in a spool directory when the service stays unreachable. Results of a run that never finished "
        + "(status RUNNING: it was killed) are uploaded as an incomplete run, with a warning; the service never passes them. "
        + "Exits 0 when the service acknowledged the run (201 or 200), 1 otherwise.")
final class PublishCommand implements Callable<Integer> {
    static final String TOKEN_VARIABLE = "STRESSGATE_TOKEN";

    @Parameters(index = "0", paramLabel = "DIR", description = "The run directory or its results.json.")
    private Path run;

    @Option(names = "--server", required = true, paramLabel = "URL", description = "The service, e.g. https://stressgate.example.com")
    private URI server;

    @Option(names = "--job", required = true, paramLabel = "NAME", description = "The CI job.")
    private String job;

    @Option(names = "--build", required = true, paramLabel = "N", description = "The build number.")
    private long build;

    @Option(names = "--branch", paramLabel = "B")
    private String branch;

    @Option(names = "--commit", paramLabel = "C")
    private String commit;

    @Option(names = "--ci-url", paramLabel = "U", description = "Link to the build in the CI.")
    private String ciUrl;

    @Option(names = "--spool", paramLabel = "DIR", defaultValue = "stressgate-spool",
            description = "Where results wait when the service cannot be reached (default: ${DEFAULT-VALUE}).")
    private Path spool;

    @Option(names = "--tries", paramLabel = "N", defaultValue = "6", description = "Most attempts (default: ${DEFAULT-VALUE}).")
    private int tries;

    @Option(names = "--max-time", paramLabel = "DURATION", defaultValue = "2m", description = "Most time for all attempts (default: ${DEFAULT-VALUE}).")
    private String maxTime;

    @Option(names = "--backoff", paramLabel = "DURATION", defaultValue = "1s", description = "First backoff, doubled each retry, with jitter (default: ${DEFAULT-VALUE}).")
    private String backoff;

    @Spec
    private CommandSpec spec;

    private final Function<String, String> environment;
    private final ResultsUploader.Sleeper sleeper;

    PublishCommand() {
        this(System::getenv, d -> Thread.sleep(d.toMillis()));
    }

    PublishCommand(Function<String, String> environment, ResultsUploader.Sleeper sleeper) {
        this.environment = environment;
        this.sleeper = sleeper;
    }

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        String token = environment.apply(TOKEN_VARIABLE);
        if (token == null || token.isBlank()) {
            err.println("publish: set the environment variable " + TOKEN_VARIABLE + " to a write token (stressgate serve "
                    + "--create-token NAME makes one); tokens are never taken from the command line");
            return ExitCodes.FAILED;
        }
        Path file = ResultsFiles.locate(run);
        RunResults read = ResultsFiles.read(run);
        if (read.status() == RunStatus.RUNNING) {
            err.println("publish: " + file + " is the stand-in a run writes when it starts: that run never finished (it was "
                    + "killed, or is still going on). It is uploaded as an incomplete run, so the service's gate will not pass it");
        }
        byte[] results = Files.readAllBytes(file);
        String key = idempotencyKey(results);
        ResultsUploader.Target target = new ResultsUploader.Target(server, token.trim(), Math.max(1, tries), duration(maxTime), duration(backoff));
        ResultsUploader publisher = new ResultsUploader(HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1) // no h2c upgrade: fronts like Uvicorn refuse it
                .connectTimeout(Duration.ofSeconds(10)).build(),
                Clock.systemUTC(), new SecureRandom(), sleeper);
        ResultsUploader.Outcome outcome = publisher.publish(target, new ResultsUploader.Build(job, build, branch, commit, ciUrl), results, key,
                (attempt, why, wait) -> err.printf("publish: attempt %d failed (%s); retrying in %s%n", attempt, why, Quantities.format(wait)));
        if (outcome.acknowledged()) {
            out.printf("published %s build %d to %s: HTTP %d %s%n", job, build, server, outcome.status(), outcome.body());
            return ExitCodes.PASSED;
        }
        err.println("publish: " + outcome.message());
        if (outcome.status() == 0 || ResultsUploader.retryable(outcome.status())) {
            Path spooled = spool(file, key);
            err.printf("publish: the results are kept in %s; send them again with: stressgate publish %s --server %s --job %s "
                    + "--build %d%s%n", spooled, spooled, server, quote(job), build, extras());
        } else {
            err.println("publish: the service refused the results; they stay in " + file);
        }
        return ExitCodes.FAILED;
    }

    private Path spool(Path results, String key) throws IOException {
        Path dir = spool.resolve(job.replaceAll("[^A-Za-z0-9._-]", "_").substring(0, Math.min(job.length(), 60)) + "-" + build
                + "-" + key.substring(3, 15));
        Files.createDirectories(dir);
        Files.copy(results, dir.resolve(ResultsFiles.FILE_NAME), StandardCopyOption.REPLACE_EXISTING);
        Properties meta = new Properties();
        meta.setProperty("server", server.toString());
        meta.setProperty("job", job);
        meta.setProperty("build", Long.toString(build));
        meta.setProperty("idempotencyKey", key);
        put(meta, "branch", branch);
        put(meta, "commit", commit);
        put(meta, "ciUrl", ciUrl);
        try (var writer = Files.newBufferedWriter(dir.resolve("publish.properties"), StandardCharsets.UTF_8)) {
            meta.store(writer, "stressgate publish: not yet acknowledged by the service");
        }
        return dir.toAbsolutePath();
    }

    private static void put(Properties p, String key, String value) {
        if (value != null) {
            p.setProperty(key, value);
        }
    }

    private String extras() {
        return (branch == null ? "" : " --branch " + quote(branch)) + (commit == null ? "" : " --commit " + quote(commit))
                + (ciUrl == null ? "" : " --ci-url " + quote(ciUrl));
    }

    private static String quote(String value) {
        return "'" + value.replace("'", "'\\''") + "'";
    }

    /** The same for every attempt and every later resend of these results for this build. */
    private String idempotencyKey(byte[] results) throws NoSuchAlgorithmException {
        MessageDigest sha = MessageDigest.getInstance("SHA-256");
        sha.update((job + "\u0000" + build + "\u0000").getBytes(StandardCharsets.UTF_8));
        sha.update(results);
        return "sg-" + HexFormat.of().formatHex(sha.digest()).substring(0, 40);
    }

    private static Duration duration(String text) {
        try {
            return Quantities.duration(text);
        } catch (IllegalArgumentException e) {
            throw new UsageException("publish: " + e.getMessage());
        }
    }
}
