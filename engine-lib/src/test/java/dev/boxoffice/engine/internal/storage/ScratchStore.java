package dev.boxoffice.engine.internal.storage;

import com.zaxxer.hikari.HikariDataSource;
import dev.boxoffice.engine.support.TempDirs;
import java.nio.file.Path;
import org.jdbi.v3.core.Jdbi;

/**
 * A SQLite file of one test's own, opened as the engine opens its stores ({@link SqliteFiles#open}, NORMAL
 * durability) in a temporary directory, with the engine's Jdbi over it. Closing it closes the pool and deletes the
 * directory.
 */
final class ScratchStore implements AutoCloseable {

    private final Path dir;
    private final String name;
    private final HikariDataSource pool;
    private final Jdbi jdbi;

    ScratchStore(String name, int poolSize) {
        this.dir = TempDirs.create(name);
        this.name = name;
        this.pool = SqliteFiles.open(dir, name, Durability.NORMAL, poolSize);
        this.jdbi = SqliteFiles.jdbi(pool);
    }

    Jdbi jdbi() {
        return jdbi;
    }

    /** The database file itself, for a connection of a test's own beside the pool. */
    Path file() {
        return dir.resolve(name + ".db");
    }

    /** Closes the pool and leaves the directory, to look at what closing left in it. */
    void closePool() {
        pool.close();
    }

    @Override
    public void close() {
        pool.close();
        TempDirs.delete(dir);
    }
}
