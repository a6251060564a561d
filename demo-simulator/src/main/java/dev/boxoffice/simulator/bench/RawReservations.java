package dev.boxoffice.simulator.bench;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The reservation baseline by hand, with no engine code: an {@code orders} table with the engine's one-live-order
 * index and an outbox table, and per reservation one immediate transaction (conditional insert of the order; the
 * outbox row if it was inserted; commit). Each calling thread has its own connection.
 */
final class RawReservations implements AutoCloseable {

    private final Path file;
    private final boolean full;
    private final ThreadLocal<Connection> connections;
    private final List<Connection> opened = new CopyOnWriteArrayList<>();

    RawReservations(Path file, boolean full) throws SQLException {
        this.file = file;
        this.full = full;
        try (Connection setup = RawSqlite.open(file, full)) {
            RawSqlite.execute(setup,
                    "CREATE TABLE orders (id TEXT PRIMARY KEY, ticket_id TEXT NOT NULL, user_id TEXT NOT NULL, "
                            + "status TEXT NOT NULL, version INTEGER NOT NULL, expires_at TEXT NOT NULL)",
                    "CREATE UNIQUE INDEX one_live ON orders (ticket_id) WHERE status <> 'cancelled'",
                    "CREATE TABLE outbox (seq INTEGER PRIMARY KEY AUTOINCREMENT, event_id TEXT NOT NULL UNIQUE, "
                            + "subject TEXT NOT NULL, aggregate_id TEXT NOT NULL, version INTEGER NOT NULL, "
                            + "occurred_at TEXT NOT NULL, correlation_id TEXT NOT NULL, payload TEXT NOT NULL, "
                            + "published_at TEXT)");
        }
        this.connections = ThreadLocal.withInitial(this::open);
    }

    private Connection open() {
        try {
            Connection c = RawSqlite.open(file, full);
            opened.add(c);
            return c;
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Reserves {@code ticketId} for {@code buyer}; false if the ticket already has a live order. */
    boolean tryReserve(String ticketId, int buyer) throws SQLException {
        Connection c = connections.get();
        // one immediate transaction per attempt, handed back with autocommit on (see STACK.md)
        c.setAutoCommit(false);
        try {
            String orderId = UUID.randomUUID().toString();
            int inserted;
            try (PreparedStatement insert = c.prepareStatement("INSERT INTO orders VALUES (?, ?, ?, "
                    + "'created', 0, '2026-01-01T00:15:00.000000000Z') ON CONFLICT DO NOTHING")) {
                insert.setString(1, orderId);
                insert.setString(2, ticketId);
                insert.setString(3, "buyer-" + buyer);
                inserted = insert.executeUpdate();
            }
            if (inserted == 1) {
                try (PreparedStatement outbox = c.prepareStatement("INSERT INTO outbox (event_id, subject, "
                        + "aggregate_id, version, occurred_at, correlation_id, payload) VALUES (?, "
                        + "'order:created', ?, 0, '2026-01-01T00:00:00.000000000Z', ?, ?)")) {
                    outbox.setString(1, UUID.randomUUID().toString());
                    outbox.setString(2, orderId);
                    outbox.setString(3, UUID.randomUUID().toString());
                    outbox.setString(4, "{\"id\":\"" + orderId + "\",\"version\":0,\"status\":\"created\"}");
                    outbox.executeUpdate();
                }
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
