package dev.boxoffice.engine.store;

import dev.boxoffice.engine.internal.storage.PostgresStorage;
import dev.boxoffice.engine.internal.storage.SqliteStorage;
import java.nio.file.Path;

/**
 * Where tables live: the engine's services' own, and those of an application kept beside them (the server's
 * accounts and idempotency keys). Each store is opened by name and migrated with its own Flyway migrations, with
 * its own history, so that several stores can share one database.
 *
 * <p>The embedded default is {@link #sqlite SQLite files}, one per store in a data directory, written by one
 * process; {@link #postgres PostgreSQL} keeps each store in a schema of its own in one database, which several
 * processes can share. Each store has migrations per dialect, kept in step: {@code db/sqlite/<migrations>} and
 * {@code db/postgresql/<migrations>} on the classpath. Times are stored as {@link StoredTimes} text, which sorts
 * and compares the same on both.
 */
public interface Storage {

    /**
     * SQLite files in {@code dataDirectory}, {@code <name>.db} per store: WAL, immediate transactions, a busy
     * timeout; with {@code durable} every commit is flushed to disk ({@code synchronous=FULL}), otherwise only
     * handed to the operating system ({@code NORMAL}: survives a crash of the process, not of the machine).
     */
    static Storage sqlite(Path dataDirectory, boolean durable) {
        return new SqliteStorage(dataDirectory, durable);
    }

    /**
     * One PostgreSQL database at {@code url} (e.g. {@code jdbc:postgresql://db:5432/boxoffice}), a schema per store,
     * named as the store.
     */
    static Storage postgres(String url, String user, String password) {
        return new PostgresStorage(url, user, password);
    }

    /**
     * Opens the store {@code name} (creating it if needed) with a pool of {@code poolSize} connections, and applies
     * the Flyway migrations under {@code classpath:db/<dialect>/<migrations>} that it lacks: each set with its own
     * history, in the order given (e.g. the messaging tables every service has, then the service's own).
     *
     * @throws dev.boxoffice.engine.StorageException if the store cannot be opened or migrated
     */
    Store open(String name, int poolSize, String... migrations);
}
