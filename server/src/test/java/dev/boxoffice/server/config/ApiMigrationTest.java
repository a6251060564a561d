package dev.boxoffice.server.config;

import static org.assertj.core.api.Assertions.assertThat;

import dev.boxoffice.engine.store.Storage;
import dev.boxoffice.engine.store.Store;
import java.nio.file.Path;
import java.util.List;
import org.flywaydb.core.Flyway;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** An api.db written by an earlier version keeps its accounts and keys through the later migrations. */
class ApiMigrationTest {

    @TempDir
    Path dir;

    @Test
    void shouldKeepEveryAccountAndKey_whenUsersIsRebuiltWithANotNullId() {
        String url = "jdbc:sqlite:" + dir.resolve("api.db");
        Flyway.configure().dataSource(url, null, null).locations("classpath:db/sqlite/api")
                .table("schema_history_api").baselineOnMigrate(true).baselineVersion("0").target("2").load()
                .migrate();
        Jdbi old = Jdbi.create(url);
        old.useHandle(h -> {
            h.execute("INSERT INTO users VALUES ('u1', 'ann@example.com', 'hash-1', 'user', '2026-12-01T00:00:00.000000000Z')");
            h.execute("INSERT INTO users VALUES ('u2', 'admin@boxoffice.local', 'hash-2', 'operator', "
                    + "'2026-12-01T00:00:01.000000000Z')");
            h.execute("INSERT INTO idempotency_keys (user_id, idem_key, request_hash, status, response_body, "
                    + "created_at, holder) VALUES ('u1', 'k1', 'h', 201, '{}', '2026-12-01T00:00:02.000000000Z', 'r')");
        });

        try (Store store = Storage.sqlite(dir, true).open("api", 1, "api")) {
            Jdbi jdbi = Jdbi.create(store.dataSource());
            List<String> users = jdbi.withHandle(h -> h.createQuery("SELECT id || ' ' || email || ' ' || role FROM "
                    + "users ORDER BY id").mapTo(String.class).list());
            assertThat(users).containsExactly("u1 ann@example.com user", "u2 admin@boxoffice.local operator");
            int keys = jdbi.withHandle(h -> h.createQuery("SELECT count(*) FROM idempotency_keys").mapTo(Integer.class)
                    .one());
            assertThat(keys).isEqualTo(1);
            int refused = jdbi.withHandle(h -> {
                try {
                    return h.execute("INSERT INTO users VALUES (NULL, 'x@example.com', 'h', 'user', 't')");
                } catch (RuntimeException e) {
                    return -1;
                }
            });
            assertThat(refused).as("a NULL id is refused now").isEqualTo(-1);
        }
    }
}
