package dev.boxoffice.engine.internal.messaging;

import dev.boxoffice.engine.store.Storage;
import static org.assertj.core.api.Assertions.assertThat;

import com.zaxxer.hikari.HikariDataSource;
import dev.boxoffice.engine.internal.storage.Durability;
import dev.boxoffice.engine.internal.storage.SqliteFiles;
import dev.boxoffice.engine.support.MutableClock;
import dev.boxoffice.engine.support.TempDirs;
import java.nio.file.Path;
import java.util.List;
import org.flywaydb.core.Flyway;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * An outbox written by the schema before log positions became its key (rows from before positions existed, rows
 * with positions, some published) is carried over: nothing published is published again, nothing unpublished is
 * lost, and the order of events stays as it was.
 */
class OutboxMigrationTest {

    private final Path dir = TempDirs.create("outbox-migration");

    @AfterEach
    void delete() {
        TempDirs.delete(dir);
    }

    @Test
    void shouldKeepOrderAndPublishOnlyWhatWasNotPublished() {
        try (HikariDataSource old = SqliteFiles.open(dir, "tickets", Durability.NORMAL, 1)) {
            Flyway.configure().dataSource(old).locations("classpath:db/sqlite/messaging").table("schema_history_messaging")
                    .baselineOnMigrate(true).baselineVersion("0").target("2").load().migrate();
            Jdbi.create(old).useHandle(h -> {
                // before log positions: log_seq 0 for every row, all published long ago
                insert(h, "legacy-1", 0, true);
                insert(h, "legacy-2", 0, true);
                insert(h, "positioned-5", 5, true);
                insert(h, "positioned-9", 9, true);
                insert(h, "positioned-12", 12, false);
                insert(h, "positioned-15", 15, false);
            });
        }

        LogSequence sequence = new LogSequence();
        ServiceDatabase db = ServiceDatabase.open(Storage.sqlite(dir, false), "tickets", 2,
                MutableClock.at("2026-06-01T12:00:00Z"), sequence);
        try {
            List<String> unpublished = db.read(h -> db.outbox().after(h, db.outbox().publishedThrough(h), 10)).stream()
                    .map(r -> r.seq() + ":" + r.event().eventId()).toList();
            assertThat(unpublished).containsExactly("12:positioned-12", "15:positioned-15");
            long count = db.read(h -> db.outbox().countAfter(h, db.outbox().publishedThrough(h)));
            assertThat(count).isEqualTo(2);
            assertThat(sequence.next()).as("the log continues after the highest position").isEqualTo(16);

            List<String> all = db.read(h -> h.createQuery("SELECT event_id FROM outbox ORDER BY seq")
                    .mapTo(String.class).list());
            assertThat(all).containsExactly("legacy-1", "legacy-2", "positioned-5", "positioned-9", "positioned-12",
                    "positioned-15");

            db.bookkeeping(h -> {
                return db.outbox().markPublished(h, new Outbox.Cursor(0, 15), 0);
            });
            List<Outbox.Row> left = db.read(h -> db.outbox().after(h, db.outbox().publishedThrough(h), 10));
            assertThat(left).isEmpty();
        } finally {
            db.close();
        }
    }

    private static void insert(org.jdbi.v3.core.Handle h, String eventId, long logSeq, boolean published) {
        h.createUpdate("INSERT INTO outbox (event_id, subject, aggregate_id, version, occurred_at, correlation_id, "
                        + "payload, published_at, log_seq) VALUES (:id, 'ticket:created', 't1', 0, "
                        + "'2026-06-01T12:00:00Z', 'c', '{}', :published, :logSeq)")
                .bind("id", eventId)
                .bind("published", published ? "2026-06-01T12:00:01Z" : null)
                .bind("logSeq", logSeq)
                .execute();
    }
}
