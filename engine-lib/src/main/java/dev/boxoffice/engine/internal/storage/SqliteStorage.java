package dev.boxoffice.engine.internal.storage;

import com.zaxxer.hikari.HikariDataSource;
import dev.boxoffice.engine.StorageException;
import dev.boxoffice.engine.store.Storage;
import dev.boxoffice.engine.store.Store;
import java.nio.file.Path;

/** {@link Storage#sqlite}: a file per store, opened and migrated by {@link SqliteFiles}. */
public final class SqliteStorage implements Storage {

    private final Path directory;
    private final Durability durability;

    public SqliteStorage(Path directory, boolean durable) {
        this.directory = directory;
        this.durability = durable ? Durability.FULL : Durability.NORMAL;
    }

    @Override
    public Store open(String name, int poolSize, String... migrations) {
        HikariDataSource pool = SqliteFiles.open(directory, name, durability, poolSize);
        try {
            for (String location : migrations) {
                SqliteFiles.migrate(pool, location);
            }
        } catch (RuntimeException e) {
            pool.close();
            throw new StorageException("Cannot migrate store " + name + " (" + directory.resolve(name + ".db")
                    + "): " + e.getMessage(), e);
        }
        return new PooledStore(name, pool);
    }
}
