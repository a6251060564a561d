package dev.boxoffice.engine.support;

import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import javax.sql.DataSource;

/**
 * A store's tables and their columns, read from the database's own catalog, so that the migrations of two
 * dialects can be compared: same tables, same columns in the same order, same nullability. Flyway's history
 * tables are left out.
 */
public final class Schemas {

    private Schemas() {
    }

    /** {@code table -> ["column NULL" | "column NOT NULL", ...]} of one schema (null: the connection's own). */
    public static Map<String, List<String>> tables(DataSource dataSource, String schema) {
        Map<String, List<String>> tables = new TreeMap<>();
        try (Connection c = dataSource.getConnection()) {
            DatabaseMetaData meta = c.getMetaData();
            try (ResultSet rs = meta.getTables(null, schema, "%", new String[] {"TABLE"})) {
                while (rs.next()) {
                    String table = rs.getString("TABLE_NAME").toLowerCase(Locale.ROOT);
                    if (!table.startsWith("schema_history") && !table.startsWith("sqlite_")) {
                        tables.put(table, new ArrayList<>());
                    }
                }
            }
            for (Map.Entry<String, List<String>> table : tables.entrySet()) {
                try (ResultSet rs = meta.getColumns(null, schema, table.getKey(), "%")) {
                    while (rs.next()) {
                        table.getValue().add(rs.getString("COLUMN_NAME").toLowerCase(Locale.ROOT)
                                + (rs.getInt("NULLABLE") == DatabaseMetaData.columnNoNulls ? " NOT NULL" : " NULL"));
                    }
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot read the catalog: " + e.getMessage(), e);
        }
        return tables;
    }
}
