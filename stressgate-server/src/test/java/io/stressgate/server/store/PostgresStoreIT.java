package io.stressgate.server.store;

import io.stressgate.server.testing.Postgres;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/** The store contract on a real PostgreSQL, started from the embedded binaries and stopped after the class. */
class PostgresStoreIT extends StoreContract {
    private static Postgres postgres;

    @BeforeAll
    static void startPostgres() throws Exception {
        postgres = Postgres.start();
    }

    @AfterAll
    static void stopPostgres() throws Exception {
        if (postgres != null) {
            postgres.close();
        }
    }

    @Override
    StoreConfig config() throws Exception {
        return StoreConfig.jdbc(postgres.freshDatabase(), null);
    }
}
