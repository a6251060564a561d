package dev.boxoffice.engine;

import java.net.ConnectException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;

/**
 * A store's database did not answer (refused, unknown host, timed out, connection lost): the operation did not take
 * effect, and may succeed once the database is back. Background work (relays, consumers, timers) waits and resumes
 * by itself; a caller may retry.
 */
public class DatabaseUnreachableException extends StorageException {

    public DatabaseUnreachableException(String message, Throwable cause) {
        super(message, cause);
    }

    /**
     * Whether a failure, or one of its causes, is a database not answering rather than refusing something: a
     * connection error, an SQL state of class 08 (connection exception), or 57P01-57P03 (the server shutting down,
     * crashed, or not accepting connections yet, as while it recovers).
     */
    public static boolean isUnreachable(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof ConnectException || t instanceof UnknownHostException
                    || t instanceof SocketTimeoutException || t instanceof SQLTransientConnectionException
                    || (t instanceof SQLException sql && sql.getSQLState() != null
                        && (sql.getSQLState().startsWith("08") || sql.getSQLState().startsWith("57P")))) {
                return true;
            }
        }
        return false;
    }
}
