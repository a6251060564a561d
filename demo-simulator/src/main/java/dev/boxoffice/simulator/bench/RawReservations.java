package dev.boxoffice.simulator.bench;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The reservation baseline by hand, with no engine code: an {@code orders} table with the engine's one-live-order
 * index and an outbox table keyed by log position like the engine's, and per reservation one immediate transaction
 * (conditional insert of the order; the outbox row if it was inserted; commit). Each calling thread has its own
 * connection and prepares its two statements once, as a careful hand-written loop would.
 */
final class RawReservations implements AutoCloseable {

    private final Path file;
    private final boolean full;
    private final ThreadLocal<Writer> writers;
    private final List<Connection> opened = new CopyOnWriteArrayList<>();
    private final AtomicLong positions = new AtomicLong();

    /** One thread's connection and its prepared statements. */
    private record Writer(Connection connection, PreparedStatement order, PreparedStatement outbox) {
    }

    RawReservations(Path file, boolean full) throws SQLException {
        this.file = file;
        this.full = full;
        try (Connection setup = RawSqlite.open(file, full)) {
            RawSqlite.execute(setup,
                    "CREATE TABLE orders (id TEXT PRIMARY KEY, ticket_id TEXT NOT NULL, user_id TEXT NOT NULL, "
                            + "status TEXT NOT NULL, version INTEGER NOT NULL, expires_at TEXT NOT NULL)",
                    "CREATE UNIQUE INDEX one_live ON orders (ticket_id) WHERE status <> 'cancelled'",
                    "CREATE TABLE outbox (seq INTEGER PRIMARY KEY, event_id TEXT NOT NULL, "
                            + "subject TEXT NOT NULL, aggregate_id TEXT NOT NULL, version INTEGER NOT NULL, "
                            + "occurred_at TEXT NOT NULL, correlation_id TEXT NOT NULL, payload TEXT NOT NULL)");
        }
        this.writers = ThreadLocal.withInitial(this::open);
    }

    private Writer open() {
        try {
            Connection c = RawSqlite.open(file, full);
            opened.add(c);
            return new Writer(c, c.prepareStatement("INSERT INTO orders VALUES (?, ?, ?, 'created', 0, "
                    + "'2026-01-01T00:15:00.000000000Z') ON CONFLICT DO NOTHING"),
                    c.prepareStatement("INSERT INTO outbox (seq, event_id, subject, aggregate_id, version, "
                            + "occurred_at, correlation_id, payload) VALUES (?, ?, 'order:created', ?, 0, "
                            + "'2026-01-01T00:00:00.000000000Z', ?, ?)"));
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Reserves {@code ticketId} for {@code buyer}; false if the ticket already has a live order. */
    boolean tryReserve(String ticketId, int buyer) throws SQLException {
        Writer w = writers.get();
        Connection c = w.connection();
        // one immediate transaction per attempt, handed back with autocommit on (see STACK.md)
        c.setAutoCommit(false);
        try {
            String orderId = UUID.randomUUID().toString();
            w.order().setString(1, orderId);
            w.order().setString(2, ticketId);
            w.order().setString(3, "buyer-" + buyer);
            int inserted = w.order().executeUpdate();
            if (inserted == 1) {
                // the position is taken inside the write transaction, as the engine takes it
                w.outbox().setLong(1, positions.incrementAndGet());
                w.outbox().setString(2, UUID.randomUUID().toString());
                w.outbox().setString(3, orderId);
                w.outbox().setString(4, UUID.randomUUID().toString());
                w.outbox().setString(5, "{\"id\":\"" + orderId + "\",\"version\":0,\"status\":\"created\"}");
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
