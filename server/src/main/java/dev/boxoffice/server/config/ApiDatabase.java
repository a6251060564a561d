package dev.boxoffice.server.config;

import dev.boxoffice.engine.BoxOffice;
import dev.boxoffice.engine.store.Storage;
import dev.boxoffice.engine.store.Store;
import io.micronaut.context.annotation.Bean;
import io.micronaut.context.annotation.Factory;
import jakarta.inject.Singleton;
import org.jdbi.v3.core.Jdbi;

/**
 * Where the stores live ({@link DatabaseConfiguration}), and the HTTP layer's own store, {@code api}: accounts and
 * idempotency keys. The engine's services never see it; it lives beside theirs, opened through the engine's public
 * {@link Storage} (SQLite: {@code api.db} in the data directory, every commit flushed to disk; PostgreSQL: schema
 * {@code api}; Flyway migrations under {@code db/<dialect>/api}).
 */
@Factory
public class ApiDatabase {

    /** PostgreSQL when {@code boxoffice.database.url} is set, else SQLite files in the data directory. */
    @Singleton
    public Storage storage(StartupSettings checked, BoxofficeConfiguration config, DatabaseConfiguration database) {
        return database.postgres()
                ? Storage.postgres(database.url().strip(), database.user(), database.password())
                : Storage.sqlite(config.dataDir(), true);
    }

    @Singleton
    @Bean(preDestroy = "close")
    public Store apiStore(Storage storage, BoxOffice engine) {
        // opened after the engine, that is after the engine's lock on the data directory: a second server on the
        // same directory stops there, before it touches api.db
        return storage.open("api", 4, "api");
    }

    @Singleton
    public Jdbi apiJdbi(Store apiStore) {
        return Jdbi.create(apiStore.dataSource());
    }
}
