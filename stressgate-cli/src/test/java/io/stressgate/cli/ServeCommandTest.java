package io.stressgate.cli;

import io.stressgate.engine.result.ExitCodes;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ServeCommandTest {
    @TempDir
    Path dir;
    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int serve(String... args) {
        String[] full = new String[args.length + 1];
        full[0] = "serve";
        System.arraycopy(args, 0, full, 1, args.length);
        return StressGateCommand.commandLine(new PrintWriter(out, true), new PrintWriter(err, true)).execute(full);
    }

    @Test
    void shouldPrintANewTokenOnceAndStoreOnlyItsHash() throws Exception {
        int code = serve("--create-token", "ci-main", "--expires", "90d", "--data", dir.toString());
        String token = out.toString().trim();

        assertThat(code).isZero();
        assertThat(token).matches("sgt_[0-9a-f]{16}_[A-Za-z0-9_-]{43}");
        assertThat(err.toString()).contains("created write token ci-main for every job, valid for 90d", "only its hash is stored")
                .doesNotContain(token);
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path f : files.filter(Files::isRegularFile).toList()) {
                assertThat(new String(Files.readAllBytes(f), StandardCharsets.ISO_8859_1)).as(f.toString())
                        .doesNotContain(token.substring(21));
            }
        }
    }

    @Test
    void shouldCreateATokenLimitedToSomeJobsAndRefuseAPatternForEveryJob() throws Exception {
        int code = serve("--create-token", "checkout-team", "--jobs", "checkout-*,team/payments", "--data", dir.toString());
        String token = out.toString().trim();

        assertThat(code).isZero();
        assertThat(err.toString()).contains("created write token checkout-team for jobs checkout-*, team/payments");
        try (io.stressgate.server.store.Database db = io.stressgate.server.store.Database.open(
                io.stressgate.server.store.StoreConfig.sqlite(dir))) {
            io.stressgate.server.store.Token stored = new io.stressgate.server.store.TokenStore(db, java.time.Clock.systemUTC())
                    .verify(token).orElseThrow();
            assertThat(stored.jobs().allows("checkout-api")).isTrue();
            assertThat(stored.jobs().allows("billing")).isFalse();
        }
        assertThat(serve("--create-token", "everyone", "--jobs", "*", "--data", dir.toString())).isEqualTo(ExitCodes.USAGE);
        assertThat(err.toString()).contains("not only *");
    }

    @Test
    void shouldRevokeATokenByNameAndRefuseABadName() {
        serve("--create-token", "old", "--data", dir.toString());

        assertThat(serve("--revoke-token", "old", "--data", dir.toString())).isZero();
        assertThat(serve("--revoke-token", "old", "--data", dir.toString())).isEqualTo(ExitCodes.FAILED);
        assertThat(serve("--create-token", "bad name;rm", "--data", dir.toString())).isEqualTo(ExitCodes.USAGE);
        assertThat(out.toString()).contains("revoked token old", "no active token named old");
        assertThat(err.toString()).contains("must be 1 to 64 of");
    }

    @Test
    void shouldBackUpTheSqliteStoreToANewFile() throws Exception {
        serve("--create-token", "ci", "--data", dir.toString());
        Path backup = dir.resolve("copy.db");

        assertThat(serve("--backup", backup.toString(), "--data", dir.toString())).isZero();
        assertThat(serve("--backup", backup.toString(), "--data", dir.toString())).isEqualTo(ExitCodes.FAILED);
        assertThat(serve("--backup", dir.resolve("x.db").toString(), "--data", dir.resolve("none").toString())).isEqualTo(ExitCodes.USAGE);

        assertThat(out.toString()).contains("backup written to " + backup);
        assertThat(err.toString()).contains("exists already", "there is no store at");
        try (java.sql.Connection c = java.sql.DriverManager.getConnection("jdbc:sqlite:" + backup);
             java.sql.ResultSet rs = c.createStatement().executeQuery("SELECT name FROM tokens")) {
            assertThat(rs.next()).isTrue();
            assertThat(rs.getString(1)).isEqualTo("ci");
        }
    }
}
