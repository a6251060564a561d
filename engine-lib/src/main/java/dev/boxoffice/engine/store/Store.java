package dev.boxoffice.engine.store;

import javax.sql.DataSource;

/**
 * One open store of a {@link Storage}: its tables, migrated, behind a pooled {@link DataSource}. Close it when
 * done; it closes its pool.
 */
public interface Store extends AutoCloseable {

    /** The store's name, as given to {@link Storage#open}. */
    String name();

    /** Connections to the store, pooled; use them with Jdbi or plain JDBC. */
    DataSource dataSource();

    @Override
    void close();
}
