package dev.boxoffice.engine.internal.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.statement.StatementCustomizer;
import org.jdbi.v3.core.statement.StatementContext;
import org.jdbi.v3.core.statement.UnableToExecuteStatementException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class StatementCacheTest {

    private final ScratchStore store = new ScratchStore("statement-cache", 2);
    private final Jdbi jdbi = store.jdbi();
    private final List<Statement> used = new ArrayList<>();

    @AfterEach
    void close() {
        store.close();
    }

    /** Records the JDBC statement each use ran on. */
    private final StatementCustomizer recording = new StatementCustomizer() {
        @Override
        public void beforeExecution(java.sql.PreparedStatement stmt, StatementContext ctx) {
            used.add(stmt);
        }
    };

    private void createTable() {
        jdbi.useHandle(h -> h.execute("CREATE TABLE seats (id INTEGER PRIMARY KEY, label TEXT NOT NULL UNIQUE)"));
    }

    private int insert(Handle h, int id, String label) {
        return h.createUpdate("INSERT INTO seats (id, label) VALUES (:id, :label)").bind("id", id)
                .bind("label", label).addCustomizer(recording).execute();
    }

    private String label(Handle h, int id) {
        return h.createQuery("SELECT label FROM seats WHERE id = :id").bind("id", id).addCustomizer(recording)
                .mapTo(String.class).findOne().orElse(null);
    }

    @Test
    void shouldPrepareAStatementOncePerConnectionAndBindFreshValuesEachTime() {
        createTable();
        jdbi.useHandle(h -> {
            for (int i = 1; i <= 3; i++) {
                insert(h, i, "seat " + i);
            }
            assertThat(label(h, 1)).isEqualTo("seat 1");
            assertThat(label(h, 3)).isEqualTo("seat 3");
            assertThat(label(h, 4)).isNull();
        });
        assertThat(used.subList(0, 3)).allMatch(s -> s == used.get(0));
        assertThat(used.subList(3, 6)).allMatch(s -> s == used.get(3)).noneMatch(s -> s == used.get(0));
        // the next borrow of the pool gets the same connection's statements again
        jdbi.useHandle(h -> assertThat(label(h, 2)).isEqualTo("seat 2"));
        assertThat(used).hasSize(7);
        assertThat(used.get(6)).isSameAs(used.get(3));
    }

    @Test
    void shouldGiveASecondUseOfTheSameSqlItsOwnStatement() {
        createTable();
        jdbi.useHandle(h -> {
            for (int i = 1; i <= 5; i++) {
                insert(h, i, "seat " + i);
            }
            // a query run for each row while the same query's results are still being read
            List<String> pairs = h.createQuery("SELECT id FROM seats WHERE id >= :from ORDER BY id")
                    .bind("from", 1).mapTo(Integer.class)
                    .stream()
                    .map(id -> id + "=" + h.createQuery("SELECT id FROM seats WHERE id >= :from ORDER BY id")
                            .bind("from", id).mapTo(Integer.class).list().size())
                    .toList();
            assertThat(pairs).containsExactly("1=5", "2=4", "3=3", "4=2", "5=1");
        });
    }

    @Test
    void shouldReuseAStatementAfterItFailedAndAfterARollback() {
        createTable();
        jdbi.useHandle(h -> {
            insert(h, 1, "aisle");
            assertThatThrownBy(() -> insert(h, 2, "aisle")).isInstanceOf(UnableToExecuteStatementException.class);
            h.useTransaction(t -> {
                insert(t, 3, "window");
                t.rollback();
            });
            insert(h, 4, "middle");
            assertThat(label(h, 3)).isNull();
            assertThat(label(h, 4)).isEqualTo("middle");
        });
        assertThat(used.subList(0, 4)).allMatch(s -> s == used.get(0));
    }

    @Test
    void shouldNotHoldAReadSnapshotBetweenUses() {
        createTable();
        jdbi.useHandle(h -> {
            for (int i = 1; i <= 50; i++) {
                insert(h, i, "seat " + i);
            }
            // a query left after its first row must not pin the WAL: a full checkpoint can still empty it
            assertThat(h.createQuery("SELECT label FROM seats ORDER BY id").mapTo(String.class).first())
                    .isEqualTo("seat 1");
            int[] result = h.createQuery("PRAGMA wal_checkpoint(TRUNCATE)")
                    .map((rs, ctx) -> new int[] {rs.getInt(1), rs.getInt(2), rs.getInt(3)}).one();
            assertThat(result[0]).as("checkpoint blocked").isZero();
            assertThat(result[1]).as("frames left in the WAL").isZero();
        });
    }

    @Test
    void shouldServeConcurrentConnectionsEachWithItsOwnStatements() throws Exception {
        createTable();
        ExecutorService threads = Executors.newFixedThreadPool(4);
        try {
            List<Future<?>> writers = new ArrayList<>();
            for (int t = 0; t < 4; t++) {
                int base = t * 1000;
                writers.add(threads.submit(() -> {
                    for (int i = 1; i <= 200; i++) {
                        int id = base + i;
                        jdbi.useTransaction(h -> {
                            insert(h, id, "seat " + id);
                            assertThat(label(h, id)).isEqualTo("seat " + id);
                        });
                    }
                }));
            }
            for (Future<?> writer : writers) {
                writer.get();
            }
        } finally {
            threads.shutdownNow();
        }
        int seats = jdbi.withHandle(h -> h.createQuery("SELECT count(*) FROM seats").mapTo(Integer.class).one());
        assertThat(seats).isEqualTo(800);
    }
}
