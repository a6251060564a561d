package dev.boxoffice.engine.internal.storage;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;

/**
 * Checkpoints a SQLite file's write-ahead log in the background: every {@link #INTERVAL}, on a connection of its
 * own, a {@code PASSIVE} checkpoint copies what was committed since the last one into the database file.
 *
 * <p>A round that finds nothing new in the log waits twice as long for the next, up to {@link #IDLE_INTERVAL}, so
 * that a store nobody writes to is looked at about once a second, not thirty times.
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
    /** How often the log is checkpointed while commits come in. */
    static final Duration INTERVAL = Duration.ofMillis(30);
    /** The longest wait between rounds, reached while nothing is committed. */
    static final Duration IDLE_INTERVAL = Duration.ofSeconds(1);

    private final String name;
    private final Connection connection;
    private final PreparedStatement checkpoint;
    private final ScheduledThreadPoolExecutor executor;
    private boolean failing;
    /** What the last round found: frames in the log, and of them checkpointed. */
    private long frames = -1;
    private long checkpointed = -1;
    private long delayNanos = INTERVAL.toNanos();

    /** Starts checkpointing the file {@code dataSource} opens (its own connection, not one of a pool's). */
    WalCheckpoints(String name, DataSource dataSource) throws SQLException {
        this.name = name;
        this.connection = dataSource.getConnection();
        try {
            this.checkpoint = connection.prepareStatement("PRAGMA wal_checkpoint(PASSIVE)");
        } catch (SQLException e) {
            connection.close();
            throw e;
        }
        this.executor = new ScheduledThreadPoolExecutor(1, r -> {
            Thread thread = new Thread(r, "boxoffice-" + name + ":checkpoints");
            thread.setDaemon(true);
            return thread;
        });
        // closing drops the next round rather than waiting for it
        executor.setExecuteExistingDelayedTasksAfterShutdownPolicy(false);
        executor.schedule(this::round, delayNanos, TimeUnit.NANOSECONDS);
    }

    private void round() {
        boolean news = checkpoint();
        delayNanos = news ? INTERVAL.toNanos() : Math.min(2 * delayNanos, IDLE_INTERVAL.toNanos());
        try {
            executor.schedule(this::round, delayNanos, TimeUnit.NANOSECONDS);
        } catch (RejectedExecutionException closing) {
            // closed meanwhile: no more rounds
        }
    }

    /** One passive checkpoint; whether the log had changed since the last round. */
    private boolean checkpoint() {
        try (ResultSet result = checkpoint.executeQuery()) {
            result.next();
            // (busy, frames in the log, frames checkpointed), -1 and -1 when the file is not in WAL mode
            long nowFrames = result.getLong(2);
            long nowCheckpointed = result.getLong(3);
            boolean news = nowFrames != frames || nowCheckpointed != checkpointed;
            frames = nowFrames;
            checkpointed = nowCheckpointed;
            if (failing) {
                LOG.info("Checkpoints of {}.db work again", name);
                failing = false;
            }
            return news;
        } catch (SQLException e) {
            // the next round tries again; SQLite's own checkpoint still bounds the log meanwhile
            if (!failing) {
                LOG.warn("Cannot checkpoint {}.db in the background: {}", name, e.getMessage());
                failing = true;
            }
            return false;
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
            checkpoint.close();
            connection.close();
        } catch (SQLException e) {
            LOG.warn("Cannot close the checkpoint connection of {}.db: {}", name, e.getMessage());
        }
    }
}
