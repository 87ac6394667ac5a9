package io.stressgate.cli;

import io.stressgate.engine.result.ExitCodes;
import io.stressgate.engine.scenario.Quantities;
import io.stressgate.server.ServerConfig;
import io.stressgate.server.StressGateServer;
import io.stressgate.server.store.Database;
import io.stressgate.server.store.IssuedToken;
import io.stressgate.server.store.JobScope;
import io.stressgate.server.store.Migration;
import io.stressgate.server.store.Migrator;
import io.stressgate.server.store.Scope;
import io.stressgate.server.store.StoreConfig;
import io.stressgate.server.store.TokenStore;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code stressgate serve}: runs the reporting service until SIGTERM or Ctrl-C, then stops gracefully; with
 * {@code --create-token NAME} it instead creates an API token, prints it once and keeps only its hash.
 */
@Command(name = "serve", description = "Runs the reporting service (SQLite in --data by default, PostgreSQL with --db), "
        + "creates/revokes an API token, or backs up the SQLite store while it is in use. Stops gracefully on SIGTERM: new requests get 503, those in flight finish.")
final class ServeCommand implements Callable<Integer> {
    @Option(names = "--port", paramLabel = "N", defaultValue = "8080", description = "Port to listen on (default: ${DEFAULT-VALUE}; 0 picks one).")
    private int port;

    @Option(names = "--host", paramLabel = "ADDR", defaultValue = "0.0.0.0", description = "Address to listen on (default: ${DEFAULT-VALUE}).")
    private String host;

    @Option(names = "--data", paramLabel = "DIR", defaultValue = "stressgate-data",
            description = "Data directory: the SQLite store and its backups (default: ${DEFAULT-VALUE}).")
    private Path data;

    @Option(names = "--db", paramLabel = "JDBC_URL", description = "A PostgreSQL JDBC URL instead of SQLite, e.g. jdbc:postgresql://db/stressgate?user=sg (put the password in PGPASSWORD-style URL parameters or a .pgpass, not in shell history).")
    private String db;

    @Option(names = "--rate", paramLabel = "RATE", defaultValue = "20/s", description = "Uploads per token (default: ${DEFAULT-VALUE}); more get 429.")
    private String rate;

    @Option(names = "--max-body", paramLabel = "SIZE", defaultValue = "32MiB", description = "Largest upload, on the wire and inflated (default: ${DEFAULT-VALUE}).")
    private String maxBody;

    @Option(names = "--read-token", description = "Require a token to read (API, pages, metrics) as well as to write.")
    private boolean readToken;

    @Option(names = "--create-token", paramLabel = "NAME", description = "Create a token, print it once, and exit.")
    private String createToken;

    @Option(names = "--read-only", description = "With --create-token: the token may read but not upload.")
    private boolean readOnly;

    @Option(names = "--expires", paramLabel = "DURATION", description = "With --create-token: validity, e.g. 90d (default: none).")
    private String expires;

    @Option(names = "--jobs", paramLabel = "PATTERNS", description = "With --create-token: the token may upload only for jobs "
            + "whose names match one of these comma-separated patterns (* for any run of characters), e.g. 'checkout-*,team/payments'.")
    private String jobs;

    @Option(names = "--revoke-token", paramLabel = "NAME", description = "Revoke the token of that name and exit.")
    private String revokeToken;

    @Option(names = "--backup", paramLabel = "FILE", description = "Write a consistent copy of the SQLite store to FILE and exit; "
            + "safe while the service runs (PostgreSQL: use pg_dump).")
    private Path backup;

    @Spec
    private CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        StoreConfig store = db != null ? StoreConfig.jdbc(db, data) : StoreConfig.sqlite(data);
        if (createToken != null || revokeToken != null) {
            return tokens(store, spec.commandLine().getOut());
        }
        if (backup != null) {
            if (db == null && !java.nio.file.Files.exists(data.resolve(StoreConfig.SQLITE_FILE))) {
                throw new UsageException("serve --backup: there is no store at " + data.resolve(StoreConfig.SQLITE_FILE));
            }
            try (Database database = Database.open(store)) {
                database.backupTo(backup);
            }
            spec.commandLine().getOut().println("backup written to " + backup.toAbsolutePath());
            return ExitCodes.PASSED;
        }
        ServerConfig config = config(store);
        StressGateServer server = StressGateServer.start(config, Clock.systemUTC());
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            server.close();
            stopped.countDown();
        }, "stressgate-serve-stop"));
        spec.commandLine().getOut().printf("Stress Gate service listening on http://%s:%d/ (%s)%n", host, server.port(),
                db != null ? Database.redact(db) : data.resolve(StoreConfig.SQLITE_FILE));
        spec.commandLine().getOut().flush();
        stopped.await();
        return ExitCodes.PASSED;
    }

    private ServerConfig config(StoreConfig store) {
        try {
            long body = Quantities.bytes(maxBody);
            io.stressgate.engine.scenario.Rate perToken = Quantities.rate(rate);
            return ServerConfig.defaults(host, port, store, data.resolve("backups"))
                    .withWriteRate(perToken, (int) Math.max(1, Math.ceil(perToken.perSecond() * 2)))
                    .withBodyLimits(body, body)
                    .withReadsNeedToken(readToken);
        } catch (IllegalArgumentException e) {
            throw new UsageException("serve: " + e.getMessage());
        }
    }

    private int tokens(StoreConfig store, PrintWriter out) {
        try (Database database = Database.open(store)) {
            new Migrator(database, Migration.all(), data.resolve("backups"), Clock.systemUTC()).migrate();
            TokenStore tokens = new TokenStore(database, Clock.systemUTC());
            if (revokeToken != null) {
                boolean revoked = tokens.revoke(revokeToken);
                out.println(revoked ? "revoked token " + revokeToken : "no active token named " + revokeToken);
                return revoked ? ExitCodes.PASSED : ExitCodes.FAILED;
            }
            Duration validity = expires == null ? null : Quantities.duration(expires);
            JobScope scope = JobScope.parse(jobs);
            IssuedToken issued = tokens.create(createToken, readOnly ? Scope.READ : Scope.WRITE, validity, scope);
            out.println(issued.secret());
            out.flush();
            spec.commandLine().getErr().printf("created %s token %s for %s%s; it is shown this once and only its hash is stored. "
                    + "Give it to the CI as the secret environment variable STRESSGATE_TOKEN.%n", issued.token().scope().name()
                    .toLowerCase(java.util.Locale.ROOT), createToken, scope, validity == null ? "" : ", valid for " + Quantities.format(validity));
            return ExitCodes.PASSED;
        } catch (IllegalArgumentException e) {
            throw new UsageException("serve: " + e.getMessage());
        }
    }
}
