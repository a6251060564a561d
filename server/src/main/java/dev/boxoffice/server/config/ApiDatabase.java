package dev.boxoffice.server.config;

import com.zaxxer.hikari.HikariDataSource;
import dev.boxoffice.engine.BoxOffice;
import dev.boxoffice.engine.internal.storage.Durability;
import dev.boxoffice.engine.internal.storage.SqliteFiles;
import io.micronaut.context.annotation.Bean;
import io.micronaut.context.annotation.Factory;
import jakarta.inject.Singleton;
import org.jdbi.v3.core.Jdbi;

/**
 * The HTTP layer's own SQLite file, {@code api.db}: accounts and idempotency keys. The engine's services never
 * see it; it is opened the same way as theirs (WAL, immediate transactions, Flyway migrations).
 */
@Factory
public class ApiDatabase {

    @Singleton
    @Bean(preDestroy = "close")
    public HikariDataSource apiDataSource(BoxofficeConfiguration config, BoxOffice engine) {
        // opened after the engine, that is after the engine's lock on the data directory: a second server on the
        // same directory stops there, before it touches api.db
        HikariDataSource dataSource = SqliteFiles.open(config.dataDir(), "api", Durability.FULL, 4);
        SqliteFiles.migrate(dataSource, "api");
        return dataSource;
    }

    @Singleton
    public Jdbi apiJdbi(HikariDataSource apiDataSource) {
        return Jdbi.create(apiDataSource);
    }
}
