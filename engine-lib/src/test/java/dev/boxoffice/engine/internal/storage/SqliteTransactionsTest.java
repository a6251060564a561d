package dev.boxoffice.engine.internal.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.JdbiException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Transactions of plain SQL on a SQLite store: what commits, what rolls back, and the lock let go each time. */
class SqliteTransactionsTest {

    /** One connection: whatever a transaction leaves on it, the next use of the pool meets. */
    private final ScratchStore store = new ScratchStore("sqlite-transactions", 1);
    private final Jdbi jdbi = store.jdbi();

    @BeforeEach
    void createTables() {
        jdbi.useHandle(h -> {
            h.execute("CREATE TABLE venues (id INTEGER PRIMARY KEY)");
            h.execute("CREATE TABLE seats (id INTEGER PRIMARY KEY, "
                    + "venue INTEGER REFERENCES venues (id) DEFERRABLE INITIALLY DEFERRED)");
            h.execute("INSERT INTO venues (id) VALUES (1)");
        });
    }

    @AfterEach
    void close() {
        store.close();
    }

    private static void seat(Handle h, int id, int venue) {
        h.createUpdate("INSERT INTO seats (id, venue) VALUES (:id, :venue)").bind("id", id).bind("venue", venue)
                .execute();
    }

    private int seats() {
        return jdbi.withHandle(h -> h.createQuery("SELECT count(*) FROM seats").mapTo(Integer.class).one());
    }

    /** Another connection, which waits for no lock: it can write only if nobody holds the file's write lock. */
    private boolean anotherWriterCanBegin() throws SQLException {
        try (Connection other = DriverManager.getConnection("jdbc:sqlite:" + store.file());
             Statement s = other.createStatement()) {
            s.execute("PRAGMA busy_timeout = 0");
            try {
                s.execute("BEGIN IMMEDIATE");
            } catch (SQLException busy) {
                return false;
            }
            s.execute("ROLLBACK");
            return true;
        }
    }

    @Test
    void shouldCommit_andLetGoOfTheWriteLockAtOnce_whileTheHandleStaysOpen() throws Exception {
        try (Handle h = jdbi.open()) {
            h.begin();
            seat(h, 1, 1);
            assertThat(h.isInTransaction()).isTrue();
            assertThat(anotherWriterCanBegin()).as("the write lock is held during the transaction").isFalse();
            h.commit();

            assertThat(h.isInTransaction()).isFalse();
            assertThat(h.getConnection().getAutoCommit()).isTrue();
            assertThat(anotherWriterCanBegin()).as("nothing holds the write lock after the commit").isTrue();
        }
        assertThat(seats()).isEqualTo(1);
    }

    @Test
    void shouldRollBackWhatTheCallbackWrote_whenItThrows() throws Exception {
        assertThatThrownBy(() -> jdbi.useTransaction(h -> {
            seat(h, 1, 1);
            throw new IllegalStateException("refused");
        })).isInstanceOf(IllegalStateException.class).hasMessage("refused");

        assertThat(seats()).isZero();
        assertThat(anotherWriterCanBegin()).isTrue();
    }

    @Test
    void shouldKeepTheWorkBeforeASavepoint_whenRolledBackToIt() {
        jdbi.useTransaction(h -> {
            seat(h, 1, 1);
            h.savepoint("second");
            seat(h, 2, 1);
            h.rollbackToSavepoint("second");
            h.savepoint("third");
            seat(h, 3, 1);
            h.releaseSavepoint("third");
        });

        java.util.List<Integer> ids = jdbi.withHandle(h -> h.createQuery("SELECT id FROM seats ORDER BY id")
                .mapTo(Integer.class).list());
        assertThat(ids).containsExactly(1, 3);
    }

    @Test
    void shouldRollBack_whenTheCommitItselfFails_andLeaveTheConnectionReadyForTheNextTransaction() throws Exception {
        // a deferred foreign key is checked at COMMIT, which then fails and leaves the transaction open
        assertThatThrownBy(() -> jdbi.useTransaction(h -> seat(h, 1, 99)))
                .isInstanceOf(JdbiException.class).hasMessageContaining("FOREIGN KEY");

        assertThat(seats()).isZero();
        assertThat(anotherWriterCanBegin()).isTrue();
        jdbi.useTransaction(h -> seat(h, 2, 1));
        assertThat(seats()).isEqualTo(1);
    }

    @Test
    void shouldJoinTheTransactionAlreadyOpen_ratherThanNestOne() {
        assertThatThrownBy(() -> jdbi.useTransaction(outer -> {
            seat(outer, 1, 1);
            outer.useTransaction(inner -> seat(inner, 2, 1));
            throw new IllegalStateException("the outer transaction fails");
        })).isInstanceOf(IllegalStateException.class);

        assertThat(seats()).isZero();
    }
}
