package dev.boxoffice.engine.internal.storage;

import java.sql.SQLException;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.HandleCallback;
import org.jdbi.v3.core.transaction.TransactionException;
import org.jdbi.v3.core.transaction.TransactionHandler;
import org.jdbi.v3.core.transaction.TransactionIsolationLevel;
import org.sqlite.SQLiteConnection;

/**
 * Jdbi's transactions on a SQLite file, as {@code BEGIN IMMEDIATE} ... {@code COMMIT} and nothing more.
 *
 * <p>sqlite-jdbc's JDBC transactions do more than they are asked: {@code commit()} begins the next immediate
 * transaction at once (taking the file's write lock again), and {@code setAutoCommit(true)}, with which Jdbi ends
 * every transaction, then commits that empty one. This handler runs the statements itself on the driver's
 * database handle, the way the driver does, and tells the driver's configuration that a transaction is open
 * meanwhile (so that it does not try to commit after each statement, as it does in auto-commit). Measured with
 * one update per transaction on this machine: 42-50 us through the driver's JDBC transaction, 30-36 us so.
 *
 * <p>Jdbi gives each handle a handler of its own ({@link #specialize}); the connection stays in auto-commit as far
 * as the pool can tell, and is back out of any transaction before the handle closes.
 */
final class SqliteTransactions implements TransactionHandler {

    private final SQLiteConnection connection;
    private boolean inTransaction;

    /** The handler to give Jdbi; it hands each handle one bound to its connection. */
    SqliteTransactions() {
        this(null);
    }

    private SqliteTransactions(SQLiteConnection connection) {
        this.connection = connection;
    }

    @Override
    public TransactionHandler specialize(Handle handle) throws SQLException {
        return new SqliteTransactions(handle.getConnection().unwrap(SQLiteConnection.class));
    }

    @Override
    public void begin(Handle handle) {
        exec("BEGIN IMMEDIATE");
        inTransaction = true;
        connection.getConnectionConfig().setAutoCommit(false);
    }

    @Override
    public void commit(Handle handle) {
        exec("COMMIT");
        ended();
    }

    @Override
    public void rollback(Handle handle) {
        try {
            exec("ROLLBACK");
        } finally {
            ended();
        }
    }

    private void ended() {
        inTransaction = false;
        connection.getConnectionConfig().setAutoCommit(true);
    }

    @Override
    public boolean isInTransaction(Handle handle) {
        return inTransaction;
    }

    @Override
    public void savepoint(Handle handle, String name) {
        exec("SAVEPOINT " + quoted(name));
    }

    @Override
    public void rollbackToSavepoint(Handle handle, String name) {
        exec("ROLLBACK TO SAVEPOINT " + quoted(name));
    }

    @Override
    public void releaseSavepoint(Handle handle, String name) {
        exec("RELEASE SAVEPOINT " + quoted(name));
    }

    @Override
    public <R, X extends Exception> R inTransaction(Handle handle, HandleCallback<R, X> callback) throws X {
        if (inTransaction) {
            return callback.withHandle(handle);
        }
        begin(handle);
        try {
            R result = callback.withHandle(handle);
            if (inTransaction) {
                // (the callback may have committed or rolled back itself)
                commit(handle);
            }
            return result;
        } catch (Throwable e) {
            rollbackAfter(handle, e);
            throw e;
        }
    }

    /**
     * Rolls back after {@code cause}, which stays the failure reported (a failed rollback is added to it). Either
     * way the handle is out of the transaction after it ({@link #rollback} ends it even when ROLLBACK fails), so
     * that the connection never goes back to the pool marked as inside one.
     */
    private void rollbackAfter(Handle handle, Throwable cause) {
        if (!inTransaction) {
            return;
        }
        try {
            rollback(handle);
        } catch (RuntimeException e) {
            cause.addSuppressed(e);
        }
    }

    @Override
    public <R, X extends Exception> R inTransaction(Handle handle, TransactionIsolationLevel level,
                                                    HandleCallback<R, X> callback) throws X {
        // SQLite's transactions are serializable whatever is asked
        return inTransaction(handle, callback);
    }

    private void exec(String sql) {
        try {
            connection.getDatabase().exec(sql, false);
        } catch (SQLException e) {
            throw new TransactionException(sql + " failed: " + e.getMessage(), e);
        }
    }

    private static String quoted(String name) {
        return '"' + name.replace("\"", "\"\"") + '"';
    }
}
