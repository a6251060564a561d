package dev.boxoffice.engine.support;

import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import javax.sql.DataSource;

/**
 * A store's tables and their columns, read from the database's own catalog, so that the migrations of two
 * dialects can be compared: same tables, same columns in the same order, same nullability. Flyway's history
 * tables are left out, and so are two differences that are SQLite's and not the migrations': a column named
 * {@code rowid} (SQLite's is implicit, PostgreSQL's tables declare one for the same insertion order), and the
 * nullability of primary key columns (SQLite lets a non-integer primary key of a rowid table hold NULL unless it
 * says NOT NULL; the services never write one, and PostgreSQL's primary keys are NOT NULL by definition).
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
                Set<String> primaryKey = new HashSet<>();
                try (ResultSet rs = meta.getPrimaryKeys(null, schema, table.getKey())) {
                    while (rs.next()) {
                        primaryKey.add(rs.getString("COLUMN_NAME").toLowerCase(Locale.ROOT));
                    }
                }
                try (ResultSet rs = meta.getColumns(null, schema, table.getKey(), "%")) {
                    while (rs.next()) {
                        String column = rs.getString("COLUMN_NAME").toLowerCase(Locale.ROOT);
                        if (column.equals("rowid")) {
                            continue;
                        }
                        boolean notNull = rs.getInt("NULLABLE") == DatabaseMetaData.columnNoNulls
                                || primaryKey.contains(column);
                        table.getValue().add(column + (notNull ? " NOT NULL" : " NULL"));
                    }
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot read the catalog: " + e.getMessage(), e);
        }
        return tables;
    }
}
