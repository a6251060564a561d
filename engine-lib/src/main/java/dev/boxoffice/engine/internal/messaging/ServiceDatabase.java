package dev.boxoffice.engine.internal.messaging;

import dev.boxoffice.engine.BoxOfficeException;
import dev.boxoffice.engine.DatabaseUnreachableException;
import dev.boxoffice.engine.StorageException;
import dev.boxoffice.engine.internal.storage.Dialect;
import dev.boxoffice.engine.internal.storage.SqliteFiles;
import dev.boxoffice.engine.store.Storage;
import dev.boxoffice.engine.store.Store;
import java.time.Clock;
import org.jdbi.v3.core.HandleCallback;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.JdbiException;

/**
 * One service's own store (a SQLite file {@code <name>.db}, or a PostgreSQL schema of that name): its tables, its
 * outbox, inbox and dead letters. No other service ever touches it.
 */
public final class ServiceDatabase implements AutoCloseable {

    private final String name;
    private final Store store;
    private final Jdbi jdbi;
    private final Outbox outbox;
    private final Dialect dialect;
    /**
     * Taken by every write where the store has one writer (SQLite): a Java lock hands over at once where SQLite's
     * busy handler sleeps for milliseconds. Null where transactions run side by side (PostgreSQL).
     */
    private final java.util.concurrent.locks.ReentrantLock writeLock;
    private final GroupCommit commands;
    /** Commands committed in transactions of their own (where the store does not group them). */
    private final java.util.concurrent.atomic.AtomicLong aloneCommitted = new java.util.concurrent.atomic.AtomicLong();
    private final java.util.List<Runnable> commitListeners = new java.util.concurrent.CopyOnWriteArrayList<>();

    private ServiceDatabase(String name, Store store, Clock clock, LogSequence sequence) {
        this.name = name;
        this.store = store;
        this.dialect = Dialect.of(store.dataSource());
        this.jdbi = SqliteFiles.jdbi(store.dataSource(), dialect);
        this.writeLock = dialect.singleWriter() ? new java.util.concurrent.locks.ReentrantLock() : null;
        this.outbox = new Outbox(clock, sequence, dialect);
        this.commands = new GroupCommit(name, body -> inTransaction(h -> {
            body.accept(h);
            return null;
        }));
        // the cursor too: every row may have been pruned, and positions must never be handed out twice
        sequence.continueAfter(jdbi.withHandle(h -> Math.max(outbox.lastLogPosition(h),
                outbox.publishedThrough(h).seq())));
    }

    /**
     * Opens the service's store in {@code storage} ({@code <name>.db} with SQLite) and migrates the shared
     * messaging tables and the service's own.
     *
     * @param sequence the engine-wide event log position, shared by every service's outbox
     */
    public static ServiceDatabase open(Storage storage, String name, int poolSize, Clock clock,
                                       LogSequence sequence) {
        return new ServiceDatabase(name, storage.open(name, poolSize, "messaging", name), clock, sequence);
    }

    public String name() {
        return name;
    }

    public Outbox outbox() {
        return outbox;
    }

    /** The fragments of SQL that differ between the databases a store can be on. */
    public Dialect dialect() {
        return dialect;
    }

    private volatile boolean closed;

    /**
     * Calls {@code listener} after every committed write transaction but the messaging layer's bookkeeping: to wake
     * the outbox relay, or to tell a loop that polls the store that it changed ({@link Worker#changed()}).
     */
    public void afterEachCommit(Runnable listener) {
        commitListeners.add(listener);
    }

    /** Runs {@code callback} in one immediate transaction; engine refusals pass through unchanged. */
    public <T> T inTransaction(HandleCallback<T, RuntimeException> callback) {
        requireOpen();
        T result = bookkeeping(callback);
        for (Runnable listener : commitListeners) {
            listener.run();
        }
        return result;
    }

    /**
     * A write of the messaging layer's own records, which adds no events (marking outbox rows published): like
     * {@link #inTransaction} but without waking the relay.
     */
    <T> T bookkeeping(HandleCallback<T, RuntimeException> callback) {
        requireOpen();
        return locked(() -> jdbi.inTransaction(callback));
    }

    private <T> T locked(java.util.function.Supplier<T> write) {
        if (writeLock != null) {
            writeLock.lock();
        }
        try {
            return write.get();
        } catch (BoxOfficeException e) {
            throw e;
        } catch (JdbiException e) {
            throw failed(name, e);
        } finally {
            if (writeLock != null) {
                writeLock.unlock();
            }
        }
    }

    /**
     * Runs a user's command (place an order, edit a ticket) and returns once it has committed. Where the store has
     * one writer (SQLite) the command shares a transaction with the commands submitted at the same moment (group
     * commit: one commit, one flush, for all of them); where transactions run side by side (PostgreSQL, which
     * groups the flushes of concurrent commits itself) it runs in a transaction of its own, beside the others. The
     * callback must not have effects outside the handle: it may be rolled back alone (when it throws) or with its
     * group.
     */
    public <T> T command(HandleCallback<T, RuntimeException> callback) {
        requireOpen();
        if (dialect.singleWriter()) {
            return commands.run(callback);
        }
        T result = inTransaction(callback);
        aloneCommitted.incrementAndGet();
        return result;
    }

    /** Commands committed so far, and the transactions that carried them. */
    public dev.boxoffice.engine.store.CommitCounts commitCounts() {
        long alone = aloneCommitted.get();
        return new dev.boxoffice.engine.store.CommitCounts(name, commands.commandsCommitted() + alone,
                commands.groupsCommitted() + alone);
    }

    /** Runs a read with a handle of its own. */
    public <T> T read(HandleCallback<T, RuntimeException> callback) {
        requireOpen();
        try {
            return jdbi.withHandle(callback);
        } catch (BoxOfficeException e) {
            throw e;
        } catch (JdbiException e) {
            throw failed(name, e);
        }
    }

    /** A failure of the store {@code name} as the engine reports it: its database away, or something else wrong. */
    static StorageException failed(String name, JdbiException e) {
        return DatabaseUnreachableException.isUnreachable(e)
                ? new DatabaseUnreachableException("The " + name + " store's database is unreachable: "
                        + e.getMessage(), e)
                : new StorageException("The " + name + " store failed: " + e.getMessage(), e);
    }

    /**
     * Every use after close is refused the same way, as a programming error, rather than surfacing as a storage
     * fault from a closed pool (which an adapter would take for a broken disk).
     */
    private void requireOpen() {
        if (closed) {
            throw new IllegalStateException("The engine is closed: build a new one to use the " + name + " store");
        }
    }

    @Override
    public void close() {
        closed = true;
        store.close();
    }
}
