package dev.boxoffice.server.admin;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.boxoffice.engine.Money;
import dev.boxoffice.engine.bus.DeadLetter;
import dev.boxoffice.engine.support.Await;
import dev.boxoffice.engine.testing.FaultInjectingTransport;
import dev.boxoffice.engine.ticket.Ticket;
import dev.boxoffice.server.ApiTestSupport;
import dev.boxoffice.server.config.EngineCustomizer;
import io.micronaut.context.annotation.Requires;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Singleton;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * {@code GET /api/admin/dead-letters} a page at a time: on a server whose transport holds every ticket's creation
 * back, so that each edit is refused by the orders service until it is set aside.
 */
@MicronautTest
class DeadLetterPagesTest extends ApiTestSupport {

    /**
     * Holds ticket creations back and gives up on an event after 3 deliveries and the ack wait; only in this test's
     * server.
     */
    @Singleton
    @Requires(property = "test.dead-letter-pages")
    static class CreationsHeld implements EngineCustomizer {
        @Override
        public void customize(dev.boxoffice.engine.BoxOfficeBuilder builder) {
            builder.maxDeliveries(3)
                    .ackWait(Duration.ofMillis(300))
                    .gapRepairAfter(1_000) // no snapshot to make up for the creations
                    .redeliveryBackoff(Duration.ofMillis(1), Duration.ofMillis(5))
                    .transportDecorator(t -> new FaultInjectingTransport(t, 5)
                            .holding(e -> e.subject().equals("ticket:created")));
        }
    }

    @Override
    public Map<String, String> getProperties() {
        Map<String, String> properties = new HashMap<>(super.getProperties());
        properties.put("test.dead-letter-pages", "true");
        return properties;
    }

    @Test
    void shouldPageTheDeadLettersOldestFirst_withALinkToTheNextPage() {
        for (int i = 0; i < 5; i++) {
            Ticket ticket = engine.tickets().create("Held " + i, Money.of("10", "USD"), "seller");
            engine.tickets().update(ticket.id(), "Held " + i + ", edited", Money.of("12", "USD"), "seller");
        }
        Await.until("every edit set aside", QUIET, () -> engine.deadLetters().count() == 5);
        Session operator = operator();

        List<String> ids = new ArrayList<>();
        List<Integer> sizes = new ArrayList<>();
        String page = "/api/admin/dead-letters?limit=2";
        while (page != null) {
            Reply reply = get(page, operator);
            reply.json().forEach(d -> ids.add(d.path("id").asText()));
            sizes.add(reply.json().size());
            String link = reply.headers().get("Link");
            page = link == null ? null : link.replaceFirst("^<([^>]*)>.*$", "$1");
        }
        assertThat(sizes).containsExactly(2, 2, 1);
        assertThat(ids).containsExactlyElementsOf(engine.deadLetters().list().stream().map(DeadLetter::id).toList());

        JsonNode all = get("/api/admin/dead-letters", operator).json();
        assertThat(all).hasSize(5);
        assertThat(all.get(0).path("subject").asText()).isEqualTo("ticket:updated");
        assertThat(all.get(0).path("reason").asText()).startsWith("Out of order");

        assertThat(get("/api/admin/dead-letters?after=3f0d9a8e-1b2c-4d5e-8f90-123456789abc", operator)
                .assertError(400).firstErrorField()).isEqualTo("after");
        assertThat(get("/api/admin/dead-letters?limit=1001", operator).assertError(400).firstErrorField())
                .isEqualTo("limit");
        get("/api/admin/dead-letters", null).assertError(401);
    }
}
