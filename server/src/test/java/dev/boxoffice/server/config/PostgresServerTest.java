package dev.boxoffice.server.config;

import static org.assertj.core.api.Assertions.assertThat;

import dev.boxoffice.engine.support.KillablePostgres;
import dev.boxoffice.server.ApiTestSupport;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import java.nio.file.Files;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/**
 * The server with {@code boxoffice.database.url}: every store, its own accounts included, in a PostgreSQL database
 * (no SQLite file but the engine's embedded log); a database killed under it answers 503 with the error body and
 * changes nothing, and the server carries on by itself once it is back.
 */
@MicronautTest
class PostgresServerTest extends ApiTestSupport {

    private KillablePostgres database;

    @Override
    public Map<String, String> getProperties() {
        database = KillablePostgres.start();
        Map<String, String> properties = new HashMap<>(super.getProperties());
        properties.put("boxoffice.database.url", database.url());
        properties.put("boxoffice.database.user", "postgres");
        properties.put("boxoffice.database.password", "postgres");
        return properties;
    }

    @AfterAll
    void stopDatabase() {
        database.close();
    }

    @Test
    void shouldBookAndPay_withEveryStoreOnPostgres() throws Exception {
        Session seller = signup();
        Session buyer = signup();
        String ticketId = replicatedTicket(seller, "On PostgreSQL", "30");
        String orderId = placedOrder(buyer, ticketId);
        Reply paid = post("/api/payments", "{\"token\":\"tok_visa\",\"orderId\":\"" + orderId + "\"}", buyer);
        engine.awaitQuiescence(QUIET);

        assertThat(paid.status()).as(paid.body()).isEqualTo(201);
        assertThat(get("/api/orders/" + orderId, buyer).text("status")).isEqualTo("complete");
        try (var files = Files.list(dataDir())) {
            assertThat(files.map(f -> f.getFileName().toString()).filter(f -> f.endsWith(".db")))
                    .as("only the embedded log is a file").containsOnly("bus.db");
        }
    }

    @Test
    void shouldAnswer503AndChangeNothing_whileTheDatabaseIsDown_thenCarryOn() throws Exception {
        Session seller = signup();
        String before = replicatedTicket(seller, "Before the outage", "10");
        database.kill();
        try {
            Reply refused = post("/api/tickets", "{\"title\":\"During the outage\",\"price\":\"10\"}", seller);
            assertThat(refused.status()).as(refused.body()).isEqualTo(503);
            assertThat(refused.firstErrorMessage()).contains("database is unreachable");
            assertThat(refused.headers().get("Retry-After")).isEqualTo("5");
            Reply signingUp = post("/api/users/signup", "{\"email\":\"late@test.local\",\"password\":\"secret\"}",
                    null);
            assertThat(signingUp.status()).as(signingUp.body()).isEqualTo(503);
        } finally {
            database.restart();
        }
        dev.boxoffice.engine.support.Await.until("the server to take commands again", QUIET,
                () -> post("/api/tickets", "{\"title\":\"After the outage\",\"price\":\"12\"}", seller).status()
                        == 201);
        engine.awaitQuiescence(QUIET);
        assertThat(get("/api/tickets/" + before, seller).text("title")).isEqualTo("Before the outage");
        assertThat(get("/api/tickets", seller).body()).doesNotContain("During the outage")
                .contains("After the outage");
    }
}
