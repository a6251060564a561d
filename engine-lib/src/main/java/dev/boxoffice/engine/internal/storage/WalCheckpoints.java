package dev.boxoffice.engine.internal.storage;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;

/**
 * Checkpoints a SQLite file's write-ahead log in the background: every {@link #INTERVAL}, on a connection of its
 * own, a {@code PASSIVE} checkpoint copies what was committed since the last one into the database file.
 *
 * <p>Left to SQLite, the checkpoint runs inside whichever commit takes the log past
 * {@link SqliteFiles#WAL_AUTOCHECKPOINT_PAGES}: that writer then flushes the whole log to disk (tens of
 * megabytes, 25-45 ms on this machine kind) while it holds the file, and every writer behind it waits. Timed
 * through {@code replicate-latency}'s pipeline, each such commit on {@code tickets.db}, {@code bus.db} or
 * {@code orders.db} lined up with a burst of late events. A passive checkpoint waits for nobody and nobody waits
 * for it: writers go on appending to the log meanwhile, and readers read. SQLite's own checkpoint stays as the
 * bound on the log's size (it alone can start the log over while writes go on), and finds little left to do.
 */
final class WalCheckpoints implements AutoCloseable {

    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(WalCheckpoints.class);
    /** How often the log is checkpointed (a round with nothing committed since the last costs a few microseconds). */
    static final Duration INTERVAL = Duration.ofMillis(30);

    private final String name;
    private final Connection connection;
    private final ScheduledExecutorService executor;
    private boolean failing;

    /** Starts checkpointing the file {@code dataSource} opens (its own connection, not one of a pool's). */
    WalCheckpoints(String name, DataSource dataSource) throws SQLException {
        this.name = name;
        this.connection = dataSource.getConnection();
        this.executor = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread thread = new Thread(r, "boxoffice-" + name + ":checkpoints");
            thread.setDaemon(true);
            return thread;
        });
        executor.scheduleWithFixedDelay(this::checkpoint, INTERVAL.toNanos(), INTERVAL.toNanos(),
                TimeUnit.NANOSECONDS);
    }

    private void checkpoint() {
        try (Statement statement = connection.createStatement();
             ResultSet result = statement.executeQuery("PRAGMA wal_checkpoint(PASSIVE)")) {
            result.next();
            if (failing) {
                LOG.info("Checkpoints of {}.db work again", name);
                failing = false;
            }
        } catch (SQLException e) {
            // the next round tries again; SQLite's own checkpoint still bounds the log meanwhile
            if (!failing) {
                LOG.warn("Cannot checkpoint {}.db in the background: {}", name, e.getMessage());
                failing = true;
            }
        }
    }

    /** Stops checkpointing, after the round under way, and closes the connection. */
    @Override
    public void close() {
        executor.shutdown();
        try {
            if (!executor.awaitTermination(10, TimeUnit.SECONDS)) {
                LOG.warn("A checkpoint of {}.db did not finish within 10 s of closing", name);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        try {
            connection.close();
        } catch (SQLException e) {
            LOG.warn("Cannot close the checkpoint connection of {}.db: {}", name, e.getMessage());
        }
    }
}
