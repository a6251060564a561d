package dev.boxoffice.engine.internal.storage;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.boxoffice.engine.DatabaseUnreachableException;
import dev.boxoffice.engine.StorageException;
import dev.boxoffice.engine.store.Storage;
import dev.boxoffice.engine.store.Store;
import org.flywaydb.core.Flyway;

/**
 * {@link Storage#postgres}: one database, a schema per store (named as the store), each migrated by Flyway from
 * {@code classpath:db/postgresql/<migrations>} with a history table of its own in that schema. Several processes
 * may open the same stores at once; what each store's SQL must then hold across them is the store's business.
 */
public final class PostgresStorage implements Storage {

    private final String url;
    private final String user;
    private final String password;

    public PostgresStorage(String url, String user, String password) {
        this.url = url;
        this.user = user;
        this.password = password;
    }

    @Override
    public Store open(String name, int poolSize, String... migrations) {
        try {
            // with connections of its own: on PostgreSQL Flyway holds one for its lock while it migrates on another
            for (String location : migrations) {
                Flyway.configure()
                        .dataSource(url, user, password)
                        .schemas(name)
                        .createSchemas(true)
                        .locations("classpath:db/postgresql/" + location)
                        .table("schema_history_" + location)
                        // several sets of migrations share the schema, each with its own history table
                        .baselineOnMigrate(true)
                        .baselineVersion("0")
                        .loggers("slf4j")
                        .load()
                        .migrate();
            }
        } catch (RuntimeException e) {
            if (DatabaseUnreachableException.isUnreachable(e)) {
                throw new DatabaseUnreachableException("Cannot reach the database of store " + name + " at " + url
                        + ": " + rootMessage(e) + " (is PostgreSQL running there, and the URL right?)", e);
            }
            throw new StorageException("Cannot migrate store " + name + " on " + url + ": " + rootMessage(e), e);
        }
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(url);
        config.setUsername(user);
        config.setPassword(password);
        config.setSchema(name);
        config.setPoolName("boxoffice-" + name);
        config.setMaximumPoolSize(poolSize);
        // a command waits this long for a connection while the database is away, then fails (503 from the server)
        config.setConnectionTimeout(5_000);
        HikariDataSource pool;
        try {
            pool = new HikariDataSource(config);
        } catch (RuntimeException e) {
            String message = "Cannot open store " + name + " on " + url + ": " + rootMessage(e);
            throw DatabaseUnreachableException.isUnreachable(e) ? new DatabaseUnreachableException(message, e)
                    : new StorageException(message, e);
        }
        return new PooledStore(name, pool);
    }

    private static String rootMessage(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root.getMessage() == null ? root.toString() : root.getMessage();
    }
}
