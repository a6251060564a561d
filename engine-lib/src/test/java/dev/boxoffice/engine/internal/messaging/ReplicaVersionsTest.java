package dev.boxoffice.engine.internal.messaging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.zaxxer.hikari.HikariDataSource;
import dev.boxoffice.engine.internal.storage.Durability;
import dev.boxoffice.engine.internal.storage.SqliteFiles;
import dev.boxoffice.engine.replication.OutOfOrderEventException;
import dev.boxoffice.engine.replication.VersionedReplica;
import dev.boxoffice.engine.support.TempDirs;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntSupplier;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The one form of the versioned-replica rule the tickets, expiration and payments services' copies of orders and the
 * orders service's copy of tickets apply events by, on a real SQLite table keyed by a column other than {@code id}.
 */
class ReplicaVersionsTest {

    private final Path dir = TempDirs.create("replica-versions");
    private final ReplicaVersions timers = new ReplicaVersions("order", "timers", "order_id");
    private HikariDataSource source;
    private Jdbi jdbi;

    @BeforeEach
    void open() {
        source = SqliteFiles.open(dir, "replica", Durability.NORMAL, 1);
        jdbi = Jdbi.create(source);
        jdbi.useHandle(h -> {
            h.execute("CREATE TABLE timers (order_id TEXT PRIMARY KEY, version INTEGER NOT NULL)");
            h.execute("INSERT INTO timers (order_id, version) VALUES ('held-at-3', 3), ('held-at-0', 0)");
        });
    }

    @AfterEach
    void close() {
        source.close();
        TempDirs.delete(dir);
    }

    @Test
    void shouldReadTheVersionHeldByTheEntitysKey() {
        jdbi.useHandle(h -> {
            assertThat(timers.held(h, "held-at-3")).isEqualTo(3);
            assertThat(timers.held(h, "held-at-0")).isZero();
            assertThat(timers.held(h, "never-seen")).isEqualTo(VersionedReplica.UNKNOWN);
        });
    }

    @Test
    void shouldApplyAnEventOnlyOnTheVersionBeforeAndDropWhatItHolds() {
        jdbi.useHandle(h -> {
            assertThat(admits(h, "held-at-3", 4, false)).isTrue();
            assertThat(admits(h, "held-at-3", 3, false)).as("a duplicate").isFalse();
            assertThat(admits(h, "held-at-3", 1, false)).as("an older event").isFalse();
            assertThat(admits(h, "never-seen", 0, false)).as("the first event").isTrue();
        });
    }

    @Test
    void shouldRefuseAnEventWhoseVersionBeforeHasNotArrived() {
        jdbi.useHandle(h -> {
            assertThatThrownBy(() -> admits(h, "held-at-3", 5, false))
                    .isInstanceOf(OutOfOrderEventException.class).hasMessageContaining("order held-at-3");
            assertThatThrownBy(() -> admits(h, "never-seen", 1, false))
                    .isInstanceOf(OutOfOrderEventException.class);
        });
    }

    @Test
    void shouldApplyASnapshotOverAnyOlderVersionAndNeverRefuseIt() {
        jdbi.useHandle(h -> {
            assertThat(admits(h, "held-at-3", 9, true)).as("jumping past a gap").isTrue();
            assertThat(admits(h, "held-at-3", 4, true)).isTrue();
            assertThat(admits(h, "held-at-3", 3, true)).as("the version held").isFalse();
            assertThat(admits(h, "held-at-3", 2, true)).as("never back").isFalse();
            assertThat(admits(h, "never-seen", 6, true)).isTrue();
        });
    }

    @Test
    void shouldApplyTheNextVersionInItsWrite_andTellADuplicateFromAnEarlyEventOnlyWhenItWroteNothing() {
        jdbi.useHandle(h -> {
            AtomicInteger writes = new AtomicInteger();
            IntSupplier version4 = () -> {
                writes.incrementAndGet();
                return next(h, "held-at-3", 4);
            };
            assertThat(timers.apply(h, "held-at-3", 4, false, version4)).isTrue();
            assertThat(writes).as("one write, no read").hasValue(1);
            assertThat(timers.held(h, "held-at-3")).isEqualTo(4);
            assertThat(timers.apply(h, "held-at-3", 4, false, version4)).as("a duplicate").isFalse();
            assertThatThrownBy(() -> timers.apply(h, "held-at-3", 6, false, () -> next(h, "held-at-3", 6)))
                    .isInstanceOf(OutOfOrderEventException.class).hasMessageContaining("order held-at-3");
            assertThat(timers.held(h, "held-at-3")).isEqualTo(4);
        });
    }

    @Test
    void shouldWriteAgain_whenTheVersionBeforeArrivedBetweenItsWriteAndItsRead() {
        jdbi.useHandle(h -> {
            AtomicInteger writes = new AtomicInteger();
            // another transaction commits version 3 just after the first write found version 2
            assertThat(timers.apply(h, "held-at-3", 4, false, () -> writes.incrementAndGet() == 1 ? 0 : 1)).isTrue();
            assertThat(writes).hasValue(2);
            assertThatThrownBy(() -> timers.apply(h, "held-at-3", 4, false, () -> 0))
                    .as("a write that never takes, though the version before is held")
                    .isInstanceOf(IllegalStateException.class).hasMessageContaining("after three writes");
        });
    }

    /** Reads the version held and decides on it, as a replica does once its write took nothing. */
    private boolean admits(Handle h, String id, long version, boolean snapshot) {
        return timers.admits(id, timers.held(h, id), version, snapshot);
    }

    /** The conditional write of version {@code version} over the version before. */
    private static int next(Handle h, String id, long version) {
        return h.createUpdate("UPDATE timers SET version = :v WHERE order_id = :id AND version = :v - 1")
                .bind("id", id).bind("v", version).execute();
    }

    @Test
    void shouldDecideOnTheVersionHeldAlone_withoutReadingIt() {
        assertThat(timers.admits("t", 3, 4, false)).isTrue();
        assertThat(timers.admits("t", 3, 3, false)).isFalse();
        assertThat(timers.admits("t", VersionedReplica.UNKNOWN, 5, true)).isTrue();
        assertThatThrownBy(() -> timers.admits("t", VersionedReplica.UNKNOWN, 5, false))
                .isInstanceOf(OutOfOrderEventException.class);
    }
}
