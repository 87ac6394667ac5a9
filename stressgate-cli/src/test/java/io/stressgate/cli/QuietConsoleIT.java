package io.stressgate.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The console shows what matters: {@code serve --create-token} prints the token and one line about it, not the
 * connection pool's start and stop; {@code --verbose} brings the libraries' lines back.
 */
class QuietConsoleIT {
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
}
