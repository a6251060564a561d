package dev.boxoffice.simulator.bench;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The reservation baseline by hand, with no engine code: an {@code orders} table with the engine's one-live-order
 * index and an outbox like the engine's, and per reservation one transaction (conditional insert of the order; the
 * outbox row if it was inserted; commit). Each calling thread has its own connection and prepares its two
 * statements once, as a careful hand-written loop would. On SQLite ({@link #sqlite}) the outbox is keyed by a log
 * position taken inside the write transaction, as the engine takes it; on PostgreSQL ({@link #postgres}) by a
 * sequence, with the writing transaction's id, as the engine's PostgreSQL outbox is.
 */
final class RawReservations implements AutoCloseable {

    /** How one database opens a connection. */
    private interface Opener {
        Connection open() throws SQLException;
    }

    private final Opener opener;
    /** Null where the database takes the position itself (a sequence). */
    private final AtomicLong positions;
    private final String outboxInsert;
    private final ThreadLocal<Writer> writers;
    private final List<Connection> opened = new CopyOnWriteArrayList<>();

    /** One thread's connection and its prepared statements. */
    private record Writer(Connection connection, PreparedStatement order, PreparedStatement outbox,
                          PreparedStatement held) {
    }

    private RawReservations(Opener opener, AtomicLong positions, String outboxInsert, String... schema)
            throws SQLException {
        this.opener = opener;
        this.positions = positions;
        this.outboxInsert = outboxInsert;
        try (Connection setup = opener.open(); Statement s = setup.createStatement()) {
            for (String sql : schema) {
                s.execute(sql);
            }
        }
        this.writers = ThreadLocal.withInitial(this::open);
    }

    /** On a SQLite file with the engine's pragmas ({@code synchronous=FULL} if {@code full}, else NORMAL). */
    static RawReservations sqlite(Path file, boolean full) throws SQLException {
        return new RawReservations(() -> RawSqlite.open(file, full), new AtomicLong(),
                "INSERT INTO outbox (seq, event_id, subject, aggregate_id, version, occurred_at, correlation_id, "
                        + "payload) VALUES (?, ?, 'order:created', ?, 0, '2026-01-01T00:00:00.000000000Z', ?, ?)",
                "CREATE TABLE orders (id TEXT PRIMARY KEY, ticket_id TEXT NOT NULL, user_id TEXT NOT NULL, "
                        + "status TEXT NOT NULL, version INTEGER NOT NULL, expires_at TEXT NOT NULL)",
                "CREATE UNIQUE INDEX one_live ON orders (ticket_id) WHERE status <> 'cancelled'",
                "CREATE TABLE outbox (seq INTEGER PRIMARY KEY, event_id TEXT NOT NULL, "
                        + "subject TEXT NOT NULL, aggregate_id TEXT NOT NULL, version INTEGER NOT NULL, "
                        + "occurred_at TEXT NOT NULL, correlation_id TEXT NOT NULL, payload TEXT NOT NULL)");
    }

    /** In the PostgreSQL database at {@code url} (credentials in it). */
    static RawReservations postgres(String url) throws SQLException {
        return new RawReservations(() -> DriverManager.getConnection(url), null,
                "INSERT INTO outbox (seq, event_id, subject, aggregate_id, version, occurred_at, correlation_id, "
                        + "payload) VALUES (nextval('positions'), ?, 'order:created', ?, 0, "
                        + "'2026-01-01T00:00:00.000000000Z', ?, ?)",
                "CREATE SEQUENCE positions",
                "CREATE TABLE orders (id TEXT PRIMARY KEY, ticket_id TEXT NOT NULL, user_id TEXT NOT NULL, "
                        + "status TEXT NOT NULL, version BIGINT NOT NULL, expires_at TEXT NOT NULL, "
                        + "rowid BIGINT GENERATED ALWAYS AS IDENTITY)",
                "CREATE UNIQUE INDEX one_live ON orders (ticket_id) WHERE status <> 'cancelled'",
                "CREATE TABLE outbox (seq BIGINT PRIMARY KEY, event_id TEXT NOT NULL, subject TEXT NOT NULL, "
                        + "aggregate_id TEXT NOT NULL, version BIGINT NOT NULL, occurred_at TEXT NOT NULL, "
                        + "correlation_id TEXT NOT NULL, payload TEXT NOT NULL, "
                        + "txid BIGINT NOT NULL DEFAULT (pg_current_xact_id()::text::bigint))",
                "CREATE INDEX outbox_in_commit_order ON outbox (txid, seq)");
    }

    private Writer open() {
        try {
            Connection c = opener.open();
            opened.add(c);
            return new Writer(c, c.prepareStatement("INSERT INTO orders (id, ticket_id, user_id, status, version, "
                    + "expires_at) VALUES (?, ?, ?, 'created', 0, '2026-01-01T00:15:00.000000000Z') "
                    + "ON CONFLICT DO NOTHING"), c.prepareStatement(outboxInsert),
                    c.prepareStatement("SELECT EXISTS (SELECT 1 FROM orders WHERE ticket_id = ? "
                            + "AND status <> 'cancelled')"));
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Reserves {@code ticketId} for {@code buyer}; false if the ticket already has a live order. */
    boolean tryReserve(String ticketId, int buyer) throws SQLException {
        Writer w = writers.get();
        Connection c = w.connection();
        // one transaction per attempt, handed back with autocommit on (see STACK.md); neither switch is a round
        // trip on PostgreSQL, which begins the transaction with its first statement
        c.setAutoCommit(false);
        try {
            String orderId = UUID.randomUUID().toString();
            w.order().setString(1, orderId);
            w.order().setString(2, ticketId);
            w.order().setString(3, "buyer-" + buyer);
            int inserted = w.order().executeUpdate();
            if (inserted == 1) {
                int column = 1;
                if (positions != null) {
                    w.outbox().setLong(column++, positions.incrementAndGet());
                }
                w.outbox().setString(column++, UUID.randomUUID().toString());
                w.outbox().setString(column++, orderId);
                w.outbox().setString(column++, UUID.randomUUID().toString());
                w.outbox().setString(column, "{\"id\":\"" + orderId + "\",\"version\":0,\"status\":\"created\"}");
                w.outbox().executeUpdate();
            }
            c.commit();
            return inserted == 1;
        } catch (SQLException e) {
            c.rollback();
            throw e;
        } finally {
            c.setAutoCommit(true);
        }
    }

    /**
     * {@link #tryReserve}, but first reading, outside any transaction, whether a live order holds the ticket, and
     * refusing without a transaction if one does: what the engine does.
     */
    boolean tryReserveReadingFirst(String ticketId, int buyer) throws SQLException {
        PreparedStatement held = writers.get().held();
        held.setString(1, ticketId);
        try (java.sql.ResultSet rs = held.executeQuery()) {
            if (rs.next() && rs.getBoolean(1)) {
                return false;
            }
        }
        return tryReserve(ticketId, buyer);
    }

    /** Reserves a ticket nobody else wants; a refusal fails the run. */
    void reserve(String ticketId, int buyer) throws SQLException {
        if (!tryReserve(ticketId, buyer)) {
            throw new IllegalStateException("the baseline refused a fresh ticket " + ticketId);
        }
    }

    @Override
    public void close() throws SQLException {
        for (Connection c : opened) {
            c.close();
        }
    }
}
