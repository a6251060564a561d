package dev.boxoffice.engine.store;

import static org.assertj.core.api.Assertions.assertThat;

import dev.boxoffice.engine.support.Postgres;
import dev.boxoffice.engine.support.Schemas;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Every store of the engine migrated on SQLite and on PostgreSQL: the same tables with the same columns, in the same
 * order (see {@link Schemas} for the two differences left out).
 */
class EngineSchemasInStepTest {

    @TempDir
    Path dir;

    @ParameterizedTest(name = "{0}")
    @CsvSource({
        "tickets,    messaging tickets,    outbox processed_events dead_letters gap_repairs outbox_relay tickets order_replica",
        "orders,     messaging orders,     outbox processed_events dead_letters gap_repairs outbox_relay orders ticket_replica",
        "expiration, messaging expiration, outbox processed_events dead_letters gap_repairs outbox_relay order_timers",
        "payments,   messaging payments,   outbox processed_events dead_letters gap_repairs outbox_relay payments order_replica",
        "gateway,    gateway,              charges",
        "cluster,    cluster,              leases nodes replica_reports",
    })
    void shouldGiveTheSameTablesAndColumns_onBothDialects(String store, String migrations, String tables) {
        String[] sets = migrations.split(" +");
        Map<String, List<String>> sqlite;
        try (Store opened = Storage.sqlite(dir, false).open(store, 1, sets)) {
            sqlite = Schemas.tables(opened.dataSource(), null);
        }
        Map<String, List<String>> postgres;
        try (Store opened = Storage.postgres(Postgres.newDatabase(), "postgres", "postgres").open(store, 1, sets)) {
            postgres = Schemas.tables(opened.dataSource(), store);
        }
        assertThat(sqlite).containsOnlyKeys(tables.split(" +"));
        assertThat(postgres).isEqualTo(sqlite);
    }
}
