package io.stressgate.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The console shows what matters: {@code serve --create-token} prints the token and one line about it, not the
 * connection pool's start and stop; {@code serve} itself says where it listens and that it stopped, not what its pools,
 * Javalin and Jetty do; {@code --verbose} brings the libraries' lines back.
 */
class QuietConsoleIT {
    private static final Pattern LISTENING = Pattern.compile("Stress Gate service listening on (http://127\\.0\\.0\\.1:\\d+/)");

    @TempDir
    Path dir;

    @Test
    void shouldPrintOnlyTheTokenAndItsLineUnlessVerbose() throws Exception {
        try (CliRunner cli = new CliRunner(dir)) {
            CliRunner.Outcome quiet = cli.run(Map.of(), "serve", "--data", dir.resolve("quiet").toString(), "--create-token", "ci");
            CliRunner.Outcome verbose = cli.run(Map.of(), "serve", "--data", dir.resolve("verbose").toString(),
                    "--create-token", "ci", "--verbose");

            assertThat(quiet.exitCode()).as(quiet.err()).isZero();
            String all = quiet.out() + quiet.err();
            assertThat(all.lines().filter(l -> !l.isBlank())).as(all).hasSize(2);
            assertThat(quiet.out()).startsWith("sgt_");
            assertThat(quiet.err()).contains("created write token ci");
            assertThat(verbose.exitCode()).as(verbose.err()).isZero();
            assertThat(verbose.err()).contains("HikariDataSource");
        }
    }

    @Test
    void shouldPrintOnlyTheServicesOwnLinesWhileItServesAndStops() throws Exception {
        Path console = dir.resolve("console.txt");
        try (CliRunner cli = new CliRunner(dir)) {
            Process serve = cli.startWithConsole(CliRunner.command("serve", "--host", "127.0.0.1", "--port", "0",
                    "--data", dir.resolve("data").toString()), console);
            String[] url = {null};
            boolean listening = CliRunner.await(() -> (url[0] = listeningUrl(console)) != null || !serve.isAlive(),
                    Duration.ofSeconds(60));
            assertThat(listening && url[0] != null).as("listening within 60 s: " + read(console)).isTrue();

            HttpResponse<String> health = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(url[0] + "api/v1/health"))
                    .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
            serve.destroy();
            assertThat(serve.waitFor(30, TimeUnit.SECONDS)).as("serve stops on SIGTERM").isTrue();

            assertThat(health.statusCode()).isEqualTo(200);
            List<String> lines = read(console).lines().filter(l -> !l.isBlank()).toList();
            assertThat(lines).as("the service's own lines: where it listens, with which store, and that it stopped")
                    .anyMatch(l -> LISTENING.matcher(l).find()).anyMatch(l -> l.contains("stopped"))
                    .allMatch(l -> l.contains("Stress Gate service"));
        }
    }

    private static String listeningUrl(Path console) {
        Matcher m = LISTENING.matcher(read(console));
        return m.find() ? m.group(1) : null;
    }

    private static String read(Path file) {
        try {
            return Files.exists(file) ? Files.readString(file) : "";
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
