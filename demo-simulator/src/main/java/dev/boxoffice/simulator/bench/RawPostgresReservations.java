package dev.boxoffice.simulator.bench;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The reservation baseline on PostgreSQL by hand, with no engine code: the engine's {@code orders} table with its
 * one-live-order index and its outbox (a position from a sequence, the writing transaction's id), and per
 * reservation one transaction (conditional insert of the order; the outbox row if it was inserted; commit). Each
 * calling thread has its own connection and prepares its two statements once.
 */
final class RawPostgresReservations implements AutoCloseable {

    private final String url;
    private final ThreadLocal<Writer> writers;
    private final List<Connection> opened = new CopyOnWriteArrayList<>();

    private record Writer(Connection connection, PreparedStatement order, PreparedStatement outbox) {
    }

    RawPostgresReservations(String url) throws SQLException {
        this.url = url;
        try (Connection setup = DriverManager.getConnection(url); Statement s = setup.createStatement()) {
            s.execute("CREATE SEQUENCE positions");
            s.execute("CREATE TABLE orders (id TEXT PRIMARY KEY, ticket_id TEXT NOT NULL, user_id TEXT NOT NULL, "
                    + "status TEXT NOT NULL, version BIGINT NOT NULL, expires_at TEXT NOT NULL, "
                    + "rowid BIGINT GENERATED ALWAYS AS IDENTITY)");
            s.execute("CREATE UNIQUE INDEX one_live ON orders (ticket_id) WHERE status <> 'cancelled'");
            s.execute("CREATE TABLE outbox (seq BIGINT PRIMARY KEY, event_id TEXT NOT NULL, subject TEXT NOT NULL, "
                    + "aggregate_id TEXT NOT NULL, version BIGINT NOT NULL, occurred_at TEXT NOT NULL, "
                    + "correlation_id TEXT NOT NULL, payload TEXT NOT NULL, "
                    + "txid BIGINT NOT NULL DEFAULT (pg_current_xact_id()::text::bigint))");
            s.execute("CREATE INDEX outbox_in_commit_order ON outbox (txid, seq)");
        }
        this.writers = ThreadLocal.withInitial(this::open);
    }

    private Writer open() {
        try {
            Connection c = DriverManager.getConnection(url);
            opened.add(c);
            c.setAutoCommit(false);
            return new Writer(c, c.prepareStatement("INSERT INTO orders (id, ticket_id, user_id, status, version, "
                    + "expires_at) VALUES (?, ?, ?, 'created', 0, '2026-01-01T00:15:00.000000000Z') "
                    + "ON CONFLICT DO NOTHING"),
                    c.prepareStatement("INSERT INTO outbox (seq, event_id, subject, aggregate_id, version, "
                            + "occurred_at, correlation_id, payload) VALUES (nextval('positions'), ?, "
                            + "'order:created', ?, 0, '2026-01-01T00:00:00.000000000Z', ?, ?)"));
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Reserves {@code ticketId} for {@code buyer}; false if the ticket already has a live order. */
    boolean tryReserve(String ticketId, int buyer) throws SQLException {
        Writer w = writers.get();
        Connection c = w.connection();
        try {
            String orderId = UUID.randomUUID().toString();
            w.order().setString(1, orderId);
            w.order().setString(2, ticketId);
            w.order().setString(3, "buyer-" + buyer);
            int inserted = w.order().executeUpdate();
            if (inserted == 1) {
                w.outbox().setString(1, UUID.randomUUID().toString());
                w.outbox().setString(2, orderId);
                w.outbox().setString(3, UUID.randomUUID().toString());
                w.outbox().setString(4, "{\"id\":\"" + orderId + "\",\"version\":0,\"status\":\"created\"}");
                w.outbox().executeUpdate();
            }
            c.commit();
            return inserted == 1;
        } catch (SQLException e) {
            c.rollback();
            throw e;
        }
    }

    @Override
    public void close() throws SQLException {
        for (Connection c : opened) {
            c.close();
        }
    }
}
