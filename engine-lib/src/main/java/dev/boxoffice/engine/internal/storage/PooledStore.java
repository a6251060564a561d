package dev.boxoffice.engine.internal.storage;

import com.zaxxer.hikari.HikariDataSource;
import dev.boxoffice.engine.store.Store;
import javax.sql.DataSource;

/** A {@link Store} that is one connection pool: closing the store closes the pool. */
record PooledStore(String name, HikariDataSource pool) implements Store {

    @Override
    public DataSource dataSource() {
        return pool;
    }

    @Override
    public void close() {
        pool.close();
    }
}
