package dev.boxoffice.server.config;

import static org.assertj.core.api.Assertions.assertThat;

import dev.boxoffice.engine.store.Storage;
import dev.boxoffice.engine.store.Store;
import dev.boxoffice.engine.support.Postgres;
import dev.boxoffice.engine.support.Schemas;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The server's own store migrated on SQLite and on PostgreSQL: the same tables with the same columns. */
class ApiSchemasInStepTest {

    @TempDir
    Path dir;

    @Test
    void shouldGiveTheSameTablesAndColumns_onBothDialects() {
        Map<String, List<String>> sqlite;
        try (Store store = Storage.sqlite(dir, false).open("api", 1, "api")) {
            sqlite = Schemas.tables(store.dataSource(), null);
        }
        Map<String, List<String>> postgres;
        try (Store store = Storage.postgres(Postgres.newDatabase(), "postgres", "postgres").open("api", 1, "api")) {
            postgres = Schemas.tables(store.dataSource(), "api");
        }
        assertThat(sqlite).containsOnlyKeys("users", "idempotency_keys");
        assertThat(postgres).isEqualTo(sqlite);
    }
}
