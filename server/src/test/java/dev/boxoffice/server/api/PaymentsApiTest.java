package dev.boxoffice.server.api;

import static org.assertj.core.api.Assertions.assertThat;

import dev.boxoffice.engine.payment.SimulatedPaymentGateway;
import dev.boxoffice.server.ApiTestSupport;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.MediaType;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import java.time.Duration;
import org.junit.jupiter.api.Test;

@MicronautTest
class PaymentsApiTest extends ApiTestSupport {

    private Reply pay(Session buyer, String orderId, String token) {
        return post("/api/payments", "{\"token\":\"" + token + "\",\"orderId\":\"" + orderId + "\"}", buyer);
    }

    @Test
    void shouldPayAndCompleteTheOrder() {
        Session buyer = signup();
        String orderId = placedOrder(buyer, replicatedTicket(signup(), "Gala", "75.25"));

        Reply paid = pay(buyer, orderId, "tok_visa");
        engine.awaitQuiescence(QUIET);

        assertThat(paid.status()).isEqualTo(201);
        assertThat(paid.text("id")).isNotBlank();
        assertThat(paid.json().path("amount").decimalValue()).isEqualByComparingTo("75.25");
        Reply order = get("/api/orders/" + orderId, buyer);
        assertThat(order.text("status")).isEqualTo("complete");
        assertThat(order.json().path("version").asLong()).isEqualTo(1);
        assertThat(pay(buyer, orderId, "tok_visa").assertError(400).firstErrorMessage())
                .isEqualTo("Order has already been paid");
        delete("/api/orders/" + orderId, buyer).assertError(400);
    }

    @Test
    void shouldRefuseMissingFieldsUnknownOrdersAndOtherUsers() {
        Session buyer = signup();
        String orderId = placedOrder(buyer, replicatedTicket(signup(), "Gig", "10"));

        pay(null, orderId, "tok_visa").assertError(401);
        assertThat(post("/api/payments", "{\"orderId\":\"" + orderId + "\"}", buyer).assertError(400)
                .firstErrorField()).isEqualTo("token");
        assertThat(post("/api/payments", "{\"token\":\"tok_visa\"}", buyer).assertError(400).firstErrorField())
                .isEqualTo("orderId");
        pay(buyer, "3f0d9a8e-1b2c-4d5e-8f90-123456789abc", "tok_visa").assertError(404);
        pay(signup(), orderId, "tok_visa").assertError(401);
    }

    @Test
    void shouldRecordNothingForADeclinedCard_andAcceptAGoodOneAfter() {
        Session buyer = signup();
        String orderId = placedOrder(buyer, replicatedTicket(signup(), "Show", "10"));

        assertThat(pay(buyer, orderId, SimulatedPaymentGateway.DECLINED).assertError(400).firstErrorMessage())
                .isEqualTo("Your card was declined.");
        assertThat(engine.payments().forOrder(orderId)).isEmpty();
        assertThat(pay(buyer, orderId, "tok_visa").status()).isEqualTo(201);
    }

    @Test
    void shouldRefuseACancelledOrAnExpiredOrder() {
        Session buyer = signup();
        String cancelled = placedOrder(buyer, replicatedTicket(signup(), "One", "10"));
        delete("/api/orders/" + cancelled, buyer);
        engine.awaitQuiescence(QUIET);
        pay(buyer, cancelled, "tok_visa").assertError(400);

        String expiring = placedOrder(buyer, replicatedTicket(signup(), "Two", "10"));
        clock.advance(Duration.ofMinutes(1));
        engine.awaitQuiescence(QUIET);
        assertThat(get("/api/orders/" + expiring, buyer).text("status")).isEqualTo("cancelled");
        pay(buyer, expiring, "tok_visa").assertError(400);
    }

    @Test
    void shouldChargeOnce_whenAPaymentIsRepeatedWithItsIdempotencyKey() {
        Session buyer = signup();
        String orderId = placedOrder(buyer, replicatedTicket(signup(), "Twice", "10"));
        String body = "{\"token\":\"tok_visa\",\"orderId\":\"" + orderId + "\"}";

        Reply first = call(HttpRequest.POST("/api/payments", body).contentType(MediaType.APPLICATION_JSON_TYPE)
                .bearerAuth(buyer.token()).header("Idempotency-Key", "p-1"));
        engine.awaitQuiescence(QUIET);
        Reply again = call(HttpRequest.POST("/api/payments", body).contentType(MediaType.APPLICATION_JSON_TYPE)
                .bearerAuth(buyer.token()).header("Idempotency-Key", "p-1"));

        assertThat(first.status()).isEqualTo(201);
        assertThat(again.status()).isEqualTo(201);
        assertThat(again.text("id")).isEqualTo(first.text("id"));
        assertThat(engine.payments().forOrder(orderId)).hasSize(1);
    }
}
