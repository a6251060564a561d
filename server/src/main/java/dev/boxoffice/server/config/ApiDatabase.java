package dev.boxoffice.server.config;

import dev.boxoffice.engine.BoxOffice;
import dev.boxoffice.engine.store.Storage;
import dev.boxoffice.engine.store.Store;
import io.micronaut.context.annotation.Bean;
import io.micronaut.context.annotation.Factory;
import jakarta.inject.Singleton;
import org.jdbi.v3.core.Jdbi;

/**
 * The HTTP layer's own store, {@code api}: accounts and idempotency keys. The engine's services never see it; it
 * lives beside theirs, opened through the engine's public {@link Storage} (SQLite: {@code api.db} in the data
 * directory, every commit flushed to disk, Flyway migrations under {@code db/api}).
 */
@Factory
public class ApiDatabase {

    @Singleton
    @Bean(preDestroy = "close")
    public Store apiStore(BoxofficeConfiguration config, BoxOffice engine) {
        // opened after the engine, that is after the engine's lock on the data directory: a second server on the
        // same directory stops there, before it touches api.db
        return Storage.sqlite(config.dataDir(), true).open("api", 4, "api");
    }

    @Singleton
    public Jdbi apiJdbi(Store apiStore) {
        return Jdbi.create(apiStore.dataSource());
    }
}
