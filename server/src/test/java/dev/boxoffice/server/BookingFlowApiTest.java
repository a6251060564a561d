package dev.boxoffice.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The original app's whole flow over HTTP: sign up, sell, order, let one expire, pay for another. */
@MicronautTest
class BookingFlowApiTest extends ApiTestSupport {

    @Test
    void shouldExpireAnUnpaidOrderThenSellToAPayingBuyer() {
        Session seller = signup("seller@flow.test", "seller1");
        Session slow = signup("slow@flow.test", "slow12");
        Session quick = signup("quick@flow.test", "quick1");
        String ticketId = replicatedTicket(seller, "Season final", "45");

        String expiring = placedOrder(slow, ticketId);
        assertThat(get("/api/tickets/" + ticketId, null).text("orderId")).isEqualTo(expiring);
        clock.advance(Duration.ofMinutes(1));
        engine.awaitQuiescence(QUIET);
        assertThat(get("/api/orders/" + expiring, slow).text("status")).isEqualTo("cancelled");
        Reply released = get("/api/tickets/" + ticketId, null);
        assertThat(released.json().path("orderId").isNull()).isTrue();
        assertThat(released.json().path("version").asLong()).isEqualTo(2);

        String paid = placedOrder(quick, ticketId);
        Reply payment = post("/api/payments", "{\"token\":\"tok_visa\",\"orderId\":\"" + paid + "\"}", quick);
        assertThat(payment.status()).isEqualTo(201);
        engine.awaitQuiescence(QUIET);

        assertThat(get("/api/orders/" + paid, quick).text("status")).isEqualTo("complete");
        Reply sold = get("/api/tickets/" + ticketId, null);
        assertThat(sold.text("orderId")).isEqualTo(paid);
        assertThat(sold.json().path("version").asLong()).isEqualTo(3);
        clock.advance(Duration.ofMinutes(5));
        engine.awaitQuiescence(QUIET);
        assertThat(get("/api/orders/" + paid, quick).text("status")).isEqualTo("complete");
        assertThat(engine.payments().find(payment.text("id")).orElseThrow().status().wireName())
                .isEqualTo("captured");
    }
}
