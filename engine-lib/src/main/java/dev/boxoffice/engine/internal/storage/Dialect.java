package dev.boxoffice.engine.internal.storage;

import dev.boxoffice.engine.StorageException;
import java.sql.Connection;
import java.sql.SQLException;
import javax.sql.DataSource;

/**
 * What differs between the databases the engine's stores run on, kept in one place: the services' SQL is shared,
 * and asks the dialect only for the fragments where SQLite and PostgreSQL disagree (row locks, how the outbox is
 * positioned and read). SQLite has one writer at a time, so a transaction always sees the latest commit and rows
 * commit in the order they were written; PostgreSQL runs transactions side by side, from several processes, and
 * needs row locks where a service reads what it is about to change, and a visibility horizon in the outbox.
 */
public enum Dialect {

    /** One file, one writer (this process): writes are serialized, so nothing needs locking or a horizon. */
    SQLITE(true, "", "", ":seq", "seq > :seq", "seq", "9223372036854775807",
            "CAST((julianday('now') - 2440587.5) * 86400000.0 AS INTEGER)"),

    /**
     * Transactions run side by side. A service locks what it reads to change ({@code FOR UPDATE}); background
     * work claims rows with {@code SKIP LOCKED}. Log positions come from one sequence shared by every store of the
     * database ({@code boxoffice_log.positions}), so that they stay engine-wide and causal across services and
     * processes; each outbox row records the id of the transaction that wrote it ({@code txid}), and the relay
     * reads only below the oldest transaction still running (see {@link #outboxHorizon}).
     */
    POSTGRESQL(false, " FOR UPDATE", " FOR UPDATE SKIP LOCKED",
            "coalesce(CAST(:seq AS bigint), nextval('boxoffice_log.positions'))",
            "(txid, seq) > (:txid, :seq)", "txid, seq",
            "pg_snapshot_xmin(pg_current_snapshot())::text::bigint",
            "CAST(extract(epoch FROM clock_timestamp()) * 1000 AS bigint)");

    private final boolean singleWriter;
    private final String forUpdate;
    private final String skipLocked;
    private final String outboxPosition;
    private final String outboxAfter;
    private final String outboxOrder;
    private final String outboxHorizon;
    private final String nowMillis;

    Dialect(boolean singleWriter, String forUpdate, String skipLocked, String outboxPosition, String outboxAfter,
            String outboxOrder, String outboxHorizon, String nowMillis) {
        this.singleWriter = singleWriter;
        this.forUpdate = forUpdate;
        this.skipLocked = skipLocked;
        this.outboxPosition = outboxPosition;
        this.outboxAfter = outboxAfter;
        this.outboxOrder = outboxOrder;
        this.outboxHorizon = outboxHorizon;
        this.nowMillis = nowMillis;
    }

    /** The dialect of the database behind {@code dataSource}. */
    public static Dialect of(DataSource dataSource) {
        String product;
        try (Connection c = dataSource.getConnection()) {
            product = c.getMetaData().getDatabaseProductName();
        } catch (SQLException e) {
            throw new StorageException("Cannot tell which database a store is on: " + e.getMessage(), e);
        }
        return switch (product) {
            case "SQLite" -> SQLITE;
            case "PostgreSQL" -> POSTGRESQL;
            default -> throw new StorageException("Stores on " + product + " are not supported (SQLite or "
                    + "PostgreSQL)", null);
        };
    }

    /**
     * Whether the store has one writer, this process: then the engine serializes its writes with a Java lock,
     * which hands over at once where SQLite's busy handler sleeps.
     */
    public boolean singleWriter() {
        return singleWriter;
    }

    /** Appended to a {@code SELECT} of rows the transaction is about to change: holds other writers off them. */
    public String forUpdate() {
        return forUpdate;
    }

    /** Appended to a {@code SELECT} that claims work: rows another transaction holds are left to it. */
    public String skipLocked() {
        return skipLocked;
    }

    /**
     * The position of an appended outbox row: {@code :seq} when the engine numbers events itself (bound to the
     * engine-wide counter), a database sequence when several processes append ({@code :seq} bound to null).
     */
    public String outboxPosition() {
        return outboxPosition;
    }

    /** Whether {@link #outboxPosition} takes the position from the engine's own counter. */
    public boolean positionsInProcess() {
        return singleWriter;
    }

    /** A condition: the outbox row comes after the relay's cursor {@code (:txid, :seq)}. */
    public String outboxAfter() {
        return outboxAfter;
    }

    /** The order in which the relay publishes outbox rows. */
    public String outboxOrder() {
        return outboxOrder;
    }

    /**
     * The outbox horizon: rows whose {@code txid} is below it were written by transactions that are over, so no
     * row can still appear below it. On PostgreSQL a position is taken when a row is inserted, not when it
     * commits; a relay reading "after the last position" would skip a row whose transaction commits after a later
     * one. Below the oldest running transaction ({@code pg_snapshot_xmin}) nothing can appear any more. On SQLite
     * rows commit in position order, and every row is below it.
     */
    public String outboxHorizon() {
        return outboxHorizon;
    }

    /**
     * The database's own time, in milliseconds since the epoch: what the nodes sharing a database measure leases and
     * reports by, so that they agree on when a lease runs out even when their own clocks do not.
     */
    public String nowMillis() {
        return nowMillis;
    }

    /**
     * A condition: the value is one of the JSON array (of texts or numbers) bound as {@code :parameter}. One
     * statement text for any number of values, where an {@code IN} list of the values' number is a new statement to
     * parse and prepare for each number.
     */
    public String inJsonArray(String parameter) {
        return this == SQLITE ? "IN (SELECT value FROM json_each(:" + parameter + "))"
                : "IN (SELECT json_array_elements_text(CAST(:" + parameter + " AS json)))";
    }
}
