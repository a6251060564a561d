package dev.boxoffice.engine.internal.storage;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.boxoffice.engine.StorageException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.flywaydb.core.Flyway;
import org.jdbi.v3.core.Jdbi;
import org.sqlite.SQLiteConfig;
import org.sqlite.SQLiteDataSource;

/**
 * Opens SQLite database files the way every part of the engine needs them: WAL, immediate transactions (so a
 * read-then-write transaction never fails with a busy snapshot), a busy timeout, a small pool, and schema
 * migrations by Flyway.
 */
public final class SqliteFiles {

    private SqliteFiles() {
    }

    /**
     * Pages in the WAL before a commit checkpoints it (SQLite's default is 1000); measured with {@code bench}. The
     * background checkpoints ({@link WalCheckpoints}) keep it from having much to do.
     */
    static final int WAL_AUTOCHECKPOINT_PAGES = 10_000;

    /** Opens (creating if needed) {@code dir/name.db} with a pool of {@code poolSize} connections. */
    public static HikariDataSource open(Path dir, String name, Durability durability, int poolSize) {
        Path file = dir.resolve(name + ".db");
        try {
            Files.createDirectories(dir);
        } catch (java.io.IOException e) {
            throw new StorageException("Cannot create data directory " + dir + ": " + e.getMessage(), e);
        }
        SQLiteConfig config = new SQLiteConfig();
        config.setJournalMode(SQLiteConfig.JournalMode.WAL);
        config.setSynchronous(durability == Durability.FULL
                ? SQLiteConfig.SynchronousMode.FULL : SQLiteConfig.SynchronousMode.NORMAL);
        config.setBusyTimeout(30_000);
        config.setTransactionMode(SQLiteConfig.TransactionMode.IMMEDIATE);
        config.enforceForeignKeys(true);
        // the driver would otherwise run "SELECT last_insert_rowid()" after every insert, for getGeneratedKeys,
        // which nothing here calls
        config.setGetGeneratedKeys(false);
        SQLiteDataSource sqlite = new SQLiteDataSource(config);
        sqlite.setUrl("jdbc:sqlite:" + file.toAbsolutePath());

        HikariConfig pool = new HikariConfig();
        pool.setDataSource(sqlite);
        pool.setPoolName("boxoffice-" + name);
        // a fixed pool of connections that live as long as the file is open: nothing on the other side times them
        // out, and each keeps its prepared statements (see StatementCache)
        pool.setMaximumPoolSize(poolSize);
        pool.setMinimumIdle(poolSize);
        pool.setMaxLifetime(0);
        pool.setAutoCommit(true);
        pool.setConnectionTimeout(60_000);
        // SQLite's own checkpoint runs inside whichever commit crosses the threshold: a larger WAL (about 40 MB
        // at most) means fewer of them. Most of the work is done before, in the background (WalCheckpoints).
        pool.setConnectionInitSql("PRAGMA wal_autocheckpoint = " + WAL_AUTOCHECKPOINT_PAGES);
        try {
            return new CheckpointedPool(pool, name, sqlite);
        } catch (RuntimeException | java.sql.SQLException e) {
            throw new StorageException("Cannot open " + file + ": " + e.getMessage(), e);
        }
    }

    /** A file's pool of connections, whose log is checkpointed in the background while it is open. */
    private static final class CheckpointedPool extends HikariDataSource {

        private final transient WalCheckpoints checkpoints;

        CheckpointedPool(HikariConfig config, String name, javax.sql.DataSource file) throws java.sql.SQLException {
            super(config);
            try {
                this.checkpoints = new WalCheckpoints(name, file);
            } catch (java.sql.SQLException | RuntimeException e) {
                super.close();
                throw e;
            }
        }

        /** Stops the checkpoints first: the pool's last connection to close then checkpoints and removes the log. */
        @Override
        public void close() {
            if (!isClosed()) {
                checkpoints.close();
            }
            super.close();
        }
    }

    /**
     * Jdbi over a store's pool, reusing each connection's prepared statements and binding the common types first
     * ({@link CommonArguments}); on SQLite with transactions of plain SQL ({@link SqliteTransactions}).
     */
    public static Jdbi jdbi(javax.sql.DataSource dataSource) {
        return jdbi(dataSource, Dialect.of(dataSource));
    }

    /** {@link #jdbi(javax.sql.DataSource)} where the caller already knows the database's dialect. */
    public static Jdbi jdbi(javax.sql.DataSource dataSource, Dialect dialect) {
        Jdbi jdbi = Jdbi.create(dataSource);
        jdbi.setStatementBuilderFactory(new StatementCache());
        jdbi.registerArgument(new CommonArguments());
        if (dialect == Dialect.SQLITE) {
            jdbi.setTransactionHandler(new SqliteTransactions());
        }
        return jdbi;
    }

    /**
     * Applies the migrations under {@code classpath:db/sqlite/<location>} to the file, tracking them in their own
     * history table so that several schema parts (e.g. the shared messaging tables and a service's own tables)
     * can live in one file.
     */
    public static void migrate(javax.sql.DataSource dataSource, String location) {
        try {
            Flyway.configure()
                    .dataSource(dataSource)
                    .locations("classpath:db/sqlite/" + location)
                    .table("schema_history_" + location)
                    .baselineOnMigrate(true)
                    .baselineVersion("0")
                    .loggers("slf4j")
                    .load()
                    .migrate();
        } catch (RuntimeException e) {
            throw new StorageException("Cannot migrate schema '" + location + "': " + e.getMessage(), e);
        }
    }
}
