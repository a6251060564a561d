package dev.boxoffice.engine.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.boxoffice.engine.StorageException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.Test;

/**
 * What every {@link Storage} promises, run unchanged against each implementation (SQLite files, PostgreSQL
 * schemas): stores are created and migrated on open and keep their rows, several stores stay apart, stored times
 * sort as times, a failed transaction leaves nothing, and a failed migration names its store.
 */
abstract class StorageContract {

    /** A storage with nothing in it yet, new for each test. */
    abstract Storage emptyStorage();

    @Test
    void shouldCreateAndMigrateAStore_andKeepItsRowsWhenOpenedAgain() {
        Storage storage = emptyStorage();
        try (Store store = storage.open("notes", 2, "contract")) {
            Jdbi.create(store.dataSource()).useHandle(h -> h.createUpdate("INSERT INTO notes (id, body, written_at, "
                    + "author) VALUES ('n1', 'hello', :at, 'ann')")
                    .bind("at", StoredTimes.format(Instant.parse("2026-12-02T01:00:00Z"))).execute());
        }
        try (Store again = storage.open("notes", 2, "contract")) {
            assertThat(again.name()).isEqualTo("notes");
            List<String> rows = Jdbi.create(again.dataSource()).withHandle(h -> h.createQuery(
                    "SELECT body || '/' || author FROM notes").mapTo(String.class).list());
            assertThat(rows).containsExactly("hello/ann");
        }
    }

    @Test
    void shouldKeepTwoStoresApart() {
        Storage storage = emptyStorage();
        try (Store alpha = storage.open("alpha", 1, "contract"); Store beta = storage.open("beta", 1, "contract")) {
            Jdbi.create(alpha.dataSource()).useHandle(h -> h.execute(
                    "INSERT INTO notes (id, body, written_at) VALUES ('a', 'in alpha', 'x')"));
            int inBeta = Jdbi.create(beta.dataSource()).withHandle(h -> h.createQuery("SELECT count(*) FROM notes")
                    .mapTo(Integer.class).one());
            assertThat(inBeta).isZero();
        }
    }

    @Test
    void shouldSortStoredTimesAsTimes() {
        List<Instant> times = new ArrayList<>(List.of(Instant.parse("2026-12-02T01:00:00Z"),
                Instant.parse("2026-12-02T01:00:00.5Z"), Instant.parse("2026-12-02T01:00:00.123456789Z"),
                Instant.parse("2026-12-02T00:59:59.999999999Z"), Instant.parse("2027-01-01T00:00:00Z"),
                Instant.parse("1999-12-31T23:59:59Z")));
        List<Instant> shuffled = new ArrayList<>(times);
        Collections.shuffle(shuffled, new Random(7));
        try (Store store = emptyStorage().open("notes", 1, "contract")) {
            Jdbi jdbi = Jdbi.create(store.dataSource());
            for (int i = 0; i < shuffled.size(); i++) {
                int n = i;
                jdbi.useHandle(h -> h.createUpdate("INSERT INTO notes (id, body, written_at) VALUES (:id, 'b', :at)")
                        .bind("id", "n" + n).bind("at", StoredTimes.format(shuffled.get(n))).execute());
            }
            List<Instant> sorted = jdbi.withHandle(h -> h.createQuery("SELECT written_at FROM notes ORDER BY "
                    + "written_at").mapTo(String.class).map(StoredTimes::parse).list());
            Collections.sort(times);
            assertThat(sorted).containsExactlyElementsOf(times);
        }
    }

    @Test
    void shouldLeaveNothing_whenATransactionFails() {
        try (Store store = emptyStorage().open("notes", 1, "contract")) {
            Jdbi jdbi = Jdbi.create(store.dataSource());
            assertThatThrownBy(() -> jdbi.useTransaction(h -> {
                h.execute("INSERT INTO notes (id, body, written_at) VALUES ('n1', 'first', 'x')");
                h.execute("INSERT INTO notes (id, body, written_at) VALUES ('n1', 'same id', 'x')");
            })).isInstanceOf(RuntimeException.class);
            int rows = jdbi.withHandle(h -> h.createQuery("SELECT count(*) FROM notes").mapTo(Integer.class).one());
            assertThat(rows).isZero();
        }
    }

    @Test
    void shouldNameTheStore_whenAMigrationFails() {
        assertThatThrownBy(() -> emptyStorage().open("doomed", 1, "broken"))
                .isInstanceOf(StorageException.class)
                .hasMessageContaining("doomed");
    }
}
