package dev.boxoffice.engine.testing;

import dev.boxoffice.engine.BoxOffice;
import dev.boxoffice.engine.StorageException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * Writes a large finished past into an embedded engine's data directory in seconds, for measuring how the engine's
 * cost grows with its data (a million tickets and orders through the engine's own path would take many minutes).
 * It writes what the engine itself would have kept once that past's events were handled and its outboxes, inboxes
 * and log pruned by retention: each ticket, the orders service's copy of it, each finished order, the tickets and
 * payments services' copies of it, and a captured payment for each complete order. No event is written.
 *
 * <p>Ticket {@code i} (from 1) was ordered once, by order {@code i}, when {@code i <= pastOrders}: every third such
 * order is complete (the ticket is sold to it and a payment captured), the others were cancelled (the ticket is
 * free again). Ids are UUIDs derived from the number ({@link #ticketId}, {@link #orderId}), so that a reader can
 * pick past rows without asking for them; buyer {@code "past-buyer-" + (i % 10,000)} placed order {@code i}.
 *
 * <p>Only for the embedded default (SQLite files), on a data directory an engine has been built on (so its
 * stores exist and are migrated) and is no longer running on.
 */
public final class PastBusiness {

    private static final String LONG_AGO = "2026-01-01T00:00:00.000000000Z";
    private static final String COUNT = "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < ?) ";

    private PastBusiness() {
    }

    /** The id of past ticket {@code i} (from 1). */
    public static String ticketId(long i) {
        return String.format("%08x-7e57-4000-8000-000000000001", i);
    }

    /** The id of past order {@code i} (from 1), for ticket {@code i}. */
    public static String orderId(long i) {
        return String.format("%08x-0de4-4000-8000-000000000002", i);
    }

    /** The user who placed past order {@code i}. */
    public static String buyerOf(long i) {
        return "past-buyer-" + (i % 10_000);
    }

    /** Whether past order {@code i} ended complete (otherwise it was cancelled). */
    public static boolean complete(long i) {
        return i % 3 == 0;
    }

    /**
     * Writes {@code tickets} past tickets and {@code pastOrders} (at most {@code tickets}) finished orders into the
     * stores under {@code dataDirectory}, creating and migrating them first (by building an engine there and
     * closing it) if they are not there yet.
     */
    public static void write(Path dataDirectory, int tickets, int pastOrders) {
        if (pastOrders > tickets) {
            throw new IllegalArgumentException("pastOrders (" + pastOrders + ") must not exceed tickets ("
                    + tickets + "): each past order is for a ticket of its own");
        }
        if (!Files.exists(dataDirectory.resolve("orders.db"))) {
            BoxOffice.builder().dataDirectory(dataDirectory).build().close();
        }
        // a row per number: tickets 1..tickets, orders 1..pastOrders; '%' and '/' on integers as in Java
        String ticketRows = COUNT + "SELECT i, " + sqlId("i", "7e57", 1) + " AS id, 'Past show ' || i AS title, "
                + "1000 + i % 9000 AS price_minor, 'seller-' || (i % 1000) AS user_id, "
                + "CASE WHEN i > ? THEN 0 WHEN i % 3 = 0 THEN 1 ELSE 2 END AS version, "
                + "CASE WHEN i <= ? AND i % 3 = 0 THEN " + sqlId("i", "0de4", 2) + " END AS order_id FROM n";
        String orderRows = COUNT + "SELECT i, " + sqlId("i", "0de4", 2) + " AS id, " + sqlId("i", "7e57", 1)
                + " AS ticket_id, 'Past show ' || i AS title, 1000 + i % 9000 AS price_minor, "
                + "'past-buyer-' || (i % 10000) AS user_id, "
                + "CASE WHEN i % 3 = 0 THEN 'complete' ELSE 'cancelled' END AS status, "
                + "CASE WHEN i % 3 = 0 THEN " + sqlId("i", "9a1d", 3) + " END AS payment_id FROM n";
        inStore(dataDirectory, "tickets", c -> {
            insert(c, "INSERT INTO tickets (id, title, price_minor, currency, user_id, version, order_id) "
                    + "SELECT id, title, price_minor, 'USD', user_id, version, order_id FROM (" + ticketRows + ")",
                    tickets, pastOrders, pastOrders);
            insert(c, "INSERT INTO order_replica (id, ticket_id, status, version) SELECT id, ticket_id, status, 1 "
                    + "FROM (" + orderRows + ")", pastOrders);
        });
        inStore(dataDirectory, "orders", c -> {
            insert(c, "INSERT INTO ticket_replica (id, title, price_minor, currency, user_id, version) "
                    + "SELECT id, title, price_minor, 'USD', user_id, version FROM (" + ticketRows + ")",
                    tickets, pastOrders, pastOrders);
            insert(c, "INSERT INTO orders (id, ticket_id, ticket_title, price_minor, currency, user_id, status, "
                    + "version, expires_at, payment_id) SELECT id, ticket_id, title, price_minor, 'USD', user_id, "
                    + "status, 1, '" + LONG_AGO + "', payment_id FROM (" + orderRows + ")", pastOrders);
        });
        inStore(dataDirectory, "payments", c -> {
            insert(c, "INSERT INTO order_replica (id, user_id, price_minor, currency, status, version, expires_at) "
                    + "SELECT id, user_id, price_minor, 'USD', status, 1, '" + LONG_AGO + "' FROM (" + orderRows
                    + ")", pastOrders);
            insert(c, "INSERT INTO payments (id, order_id, user_id, price_minor, currency, card_token, charge_id, "
                    + "status, created_at) SELECT payment_id, id, user_id, price_minor, 'USD', 'tok_visa', "
                    + "'ch_past_' || i, 'captured', '" + LONG_AGO + "' FROM (" + orderRows + ") WHERE payment_id "
                    + "IS NOT NULL", pastOrders);
        });
    }

    /** SQL for the UUID {@code %08x-<group>-4000-8000-00000000000<kind>} of the number in {@code column}. */
    private static String sqlId(String column, String group, int kind) {
        return "printf('%08x-" + group + "-4000-8000-00000000000" + kind + "', " + column + ")";
    }

    private interface Work {
        void run(Connection connection) throws SQLException;
    }

    private static void inStore(Path dataDirectory, String store, Work work) {
        Path file = dataDirectory.resolve(store + ".db");
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file)) {
            try (Statement s = c.createStatement()) {
                s.execute("PRAGMA busy_timeout = 5000");
            }
            c.setAutoCommit(false);
            work.run(c);
            c.commit();
        } catch (SQLException e) {
            throw new StorageException("Cannot write the past business into " + file + ": " + e.getMessage(), e);
        }
    }

    private static void insert(Connection c, String sql, long... parameters) throws SQLException {
        try (PreparedStatement insert = c.prepareStatement(sql)) {
            for (int i = 0; i < parameters.length; i++) {
                insert.setLong(i + 1, parameters[i]);
            }
            insert.executeUpdate();
        }
    }
}
