package dev.boxoffice.simulator.bench;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;

/**
 * The order lookup by hand, with no engine code: {@code SELECT * FROM orders WHERE id = ?} on the engine's own
 * {@code orders.db}, each reader on a connection of its own with the statement prepared once. It shows what SQLite
 * itself does as the orders grow, under whatever the engine adds.
 */
final class RawLookups implements AutoCloseable {

    private final Path file;
    private final Connection[] connections;
    private final PreparedStatement[] statements;

    /** Lookups on {@code dataDirectory}'s orders store by up to {@code readers} readers, numbered from 0. */
    RawLookups(Path dataDirectory, int readers) {
        this.file = dataDirectory.resolve("orders.db");
        this.connections = new Connection[readers];
        this.statements = new PreparedStatement[readers];
    }

    /** Reads the order {@code orderId} as reader {@code reader}; one reader is one thread at a time. */
    void lookUp(int reader, String orderId) throws SQLException {
        if (statements[reader] == null) {
            connections[reader] = RawSqlite.open(file, false);
            statements[reader] = connections[reader].prepareStatement("SELECT * FROM orders WHERE id = ?");
        }
        PreparedStatement lookup = statements[reader];
        lookup.setString(1, orderId);
        try (ResultSet row = lookup.executeQuery()) {
            if (!row.next()) {
                throw new IllegalStateException("no order " + orderId + " in " + file);
            }
        }
    }

    @Override
    public void close() throws SQLException {
        for (Connection c : connections) {
            if (c != null) {
                c.close();
            }
        }
    }
}
