package dev.boxoffice.server.config;

import static org.assertj.core.api.Assertions.assertThat;

import dev.boxoffice.engine.support.Await;
import dev.boxoffice.engine.support.NatsServer;
import dev.boxoffice.server.ApiTestSupport;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import java.nio.file.Files;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/** The server with {@code boxoffice.nats.url}: its events travel over a real NATS JetStream, and no bus.db. */
@MicronautTest
class JetStreamServerTest extends ApiTestSupport {

    private NatsServer broker;

    @Override
    public Map<String, String> getProperties() {
        broker = NatsServer.start();
        Map<String, String> properties = new HashMap<>(super.getProperties());
        properties.put("boxoffice.nats.url", broker.url());
        return properties;
    }

    @AfterAll
    void stopBroker() throws InterruptedException {
        broker.close();
    }

    @Test
    void shouldBookAndPayThroughTheBroker_withoutTheEmbeddedLog() {
        Session seller = signup();
        Session buyer = signup();
        String ticketId = replicatedTicket(seller, "Over NATS", "30");
        assertThat(put("/api/tickets/" + ticketId, "{\"title\":\"Over NATS, edited\",\"price\":\"32.50\"}", seller)
                .status()).isEqualTo(200);
        engine.awaitQuiescence(QUIET);
        String orderId = placedOrder(buyer, ticketId);

        Reply paid = post("/api/payments", "{\"token\":\"tok_visa\",\"orderId\":\"" + orderId + "\"}", buyer);
        engine.awaitQuiescence(QUIET);

        assertThat(paid.status()).as(paid.body()).isEqualTo(201);
        assertThat(get("/api/orders/" + orderId, buyer).text("status")).isEqualTo("complete");
        assertThat(get("/api/orders/" + orderId, buyer).json().path("ticket").path("price").decimalValue())
                .isEqualByComparingTo("32.50");
        assertThat(Files.exists(dataDir().resolve("bus.db"))).as("no embedded log").isFalse();
    }

    @Test
    void shouldReportTheBrokersStateOnHealth() throws Exception {
        assertThat(get("/health", null).status()).isEqualTo(200);
        broker.kill();
        try {
            Await.until("/health to say DOWN without the broker", QUIET, () -> get("/health", null).status() == 503);
        } finally {
            broker.restart();
        }
        Await.until("/health to say UP again once reconnected", QUIET, () -> get("/health", null).status() == 200);
        assertThat(get("/health", null).body()).contains("UP");
    }
}
