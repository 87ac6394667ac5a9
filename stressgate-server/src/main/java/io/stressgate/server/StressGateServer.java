package io.stressgate.server;

import io.stressgate.server.store.Database;
import io.stressgate.server.store.Migration;
import io.stressgate.server.store.Migrator;
import io.stressgate.server.store.RunStore;
import io.stressgate.server.store.TokenStore;
import io.stressgate.server.web.Admission;
import io.stressgate.server.web.WebApp;
import java.time.Clock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The reporting service: opens the store, migrates its schema (refusing a store it cannot trust), serves the API and
 * pages, and stops gracefully: new requests get 503 while those in flight finish, then the store is closed.
 */
public final class StressGateServer implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(StressGateServer.class);

    private final ServerConfig config;
    private final Database db;
    private final WebApp web;
    private final Migrator.Outcome migration;
    private int port = -1;
    private boolean stopped;

    private StressGateServer(ServerConfig config, Database db, WebApp web, Migrator.Outcome migration) {
        this.config = config;
        this.db = db;
        this.web = web;
        this.migration = migration;
    }

    /** Opens and migrates the store and starts listening; a store that cannot be trusted stops it here. */
    public static StressGateServer start(ServerConfig config, Clock clock) {
        Database db = Database.open(config.store());
        try {
            Migrator.Outcome outcome = new Migrator(db, Migration.all(), config.backupDir(), clock).migrate();
            WebApp web = new WebApp(config, db, new RunStore(db), new TokenStore(db, clock), clock);
            StressGateServer server = new StressGateServer(config, db, web, outcome);
            server.port = web.start(config.port());
            LOG.info("Stress Gate service on {}:{} with {} store (schema V{}{})", config.host(), server.port, db.dialect(),
                    outcome.to(), outcome.backup() == null ? "" : ", backup before migrating: " + outcome.backup());
            return server;
        } catch (RuntimeException e) {
            db.close();
            throw e;
        }
    }

    public int port() {
        return port;
    }

    public Migrator.Outcome migration() {
        return migration;
    }

    public Database database() {
        return db;
    }

    /** Who is let in and how many requests are in flight. */
    public Admission admission() {
        return web.admission();
    }

    /** Stops a JVM's service on SIGTERM (and Ctrl-C) the graceful way. */
    public void stopOnShutdown() {
        Runtime.getRuntime().addShutdownHook(new Thread(this::close, "stressgate-stop"));
    }

    /** Refuses new requests (503), waits up to the drain timeout for those in flight, then stops and closes the store. */
    @Override
    public synchronized void close() {
        if (stopped) {
            return;
        }
        stopped = true;
        web.admission().stopAdmitting();
        try {
            if (!web.admission().awaitIdle(config.drainTimeout())) {
                LOG.warn("{} requests still in flight after {}; stopping anyway", web.admission().inFlight(), config.drainTimeout());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        web.stop();
        db.close();
        LOG.info("Stress Gate service stopped");
    }
}
