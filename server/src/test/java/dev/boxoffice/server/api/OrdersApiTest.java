package dev.boxoffice.server.api;

import static org.assertj.core.api.Assertions.assertThat;

import dev.boxoffice.server.ApiTestSupport;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.MediaType;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

@MicronautTest
class OrdersApiTest extends ApiTestSupport {

    @Test
    void shouldPlaceAnOrderThatExpiresOneWindowLater() {
        Session buyer = signup();
        String ticketId = replicatedTicket(signup(), "Jazz", "12.5");

        Reply reply = order(buyer, ticketId);

        assertThat(reply.status()).isEqualTo(201);
        assertThat(reply.text("status")).isEqualTo("created");
        assertThat(reply.text("userId")).isEqualTo(buyer.id());
        assertThat(reply.json().path("version").asLong()).isZero();
        assertThat(java.time.Instant.parse(reply.text("expiresAt"))).isEqualTo(clock.instant().plusSeconds(60));
        assertThat(reply.text("expiresAt")).matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}Z");
        assertThat(reply.json().path("ticket").path("id").asText()).isEqualTo(ticketId);
        assertThat(reply.json().path("ticket").path("title").asText()).isEqualTo("Jazz");
        assertThat(reply.json().path("ticket").path("price").decimalValue()).isEqualByComparingTo("12.50");
    }

    @Test
    void shouldRefuseWithoutSignInWithoutTicketIdAndForAnUnknownTicket() {
        Session buyer = signup();
        order(null, "x").assertError(401);
        assertThat(post("/api/orders", "{}", buyer).assertError(400).firstErrorField()).isEqualTo("ticketId");
        assertThat(post("/api/orders", "{\"ticketId\":42}", buyer).assertError(400).firstErrorField())
                .isEqualTo("ticketId");
        order(buyer, "3f0d9a8e-1b2c-4d5e-8f90-123456789abc").assertError(404);
    }

    @Test
    void shouldRefuseASecondOrderForAReservedTicket() {
        String ticketId = replicatedTicket(signup(), "Folk", "8");
        placedOrder(signup(), ticketId);

        assertThat(order(signup(), ticketId).assertError(400).firstErrorMessage())
                .isEqualTo("Ticket is already reserved");
    }

    @Test
    void shouldShowOnlyTheCallersOrders() {
        Session alice = signup();
        Session bob = signup();
        String aliceOrder = placedOrder(alice, replicatedTicket(signup(), "A", "1"));
        placedOrder(bob, replicatedTicket(signup(), "B", "1"));

        Reply list = get("/api/orders", alice);
        assertThat(list.json().size()).isEqualTo(1);
        assertThat(list.json().get(0).path("id").asText()).isEqualTo(aliceOrder);
        assertThat(list.json().get(0).path("ticket").path("title").asText()).isEqualTo("A");
        assertThat(get("/api/orders/" + aliceOrder, alice).text("id")).isEqualTo(aliceOrder);
        get("/api/orders/" + aliceOrder, bob).assertError(401);
        get("/api/orders/" + aliceOrder, null).assertError(401);
        get("/api/orders/3f0d9a8e-1b2c-4d5e-8f90-123456789abc", alice).assertError(404);
        get("/api/orders", null).assertError(401);
    }

    @Test
    void shouldCancelAndReleaseTheTicket_butNotAnotherUsersOrder() {
        Session buyer = signup();
        String ticketId = replicatedTicket(signup(), "Circus", "15");
        String orderId = placedOrder(buyer, ticketId);

        delete("/api/orders/" + orderId, signup()).assertError(401);
        delete("/api/orders/3f0d9a8e-1b2c-4d5e-8f90-123456789abc", buyer).assertError(404);
        assertThat(delete("/api/orders/" + orderId, buyer).status()).isEqualTo(204);
        engine.awaitQuiescence(QUIET);

        assertThat(get("/api/orders/" + orderId, buyer).text("status")).isEqualTo("cancelled");
        assertThat(get("/api/orders/" + orderId, buyer).json().path("version").asLong()).isEqualTo(1);
        Reply ticket = get("/api/tickets/" + ticketId, null);
        assertThat(ticket.json().path("orderId").isNull()).isTrue();
        assertThat(ticket.json().path("version").asLong()).isEqualTo(2);
        assertThat(order(signup(), ticketId).status()).isEqualTo(201);
    }

    @Test
    void shouldLetExactlyOneOf20ConcurrentBuyersHaveTheTicket() throws Exception {
        String ticketId = replicatedTicket(signup(), "Final", "99");
        List<Session> buyers = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            buyers.add(signup());
        }
        CountDownLatch start = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(20);
        List<Future<Reply>> replies = new ArrayList<>();
        for (Session buyer : buyers) {
            replies.add(pool.submit(() -> {
                start.await();
                return order(buyer, ticketId);
            }));
        }
        start.countDown();
        List<Integer> statuses = new ArrayList<>();
        for (Future<Reply> reply : replies) {
            statuses.add(reply.get().status());
        }
        pool.shutdown();

        assertThat(statuses).filteredOn(s -> s == 201).hasSize(1);
        assertThat(statuses).filteredOn(s -> s == 400).hasSize(19);
    }

    @Test
    void shouldReturnTheFirstResponseForARepeatedIdempotencyKey_andRefuseItForAnotherBody() {
        Session buyer = signup();
        String ticketId = replicatedTicket(signup(), "Derby", "20");
        String otherTicket = replicatedTicket(signup(), "Cup", "20");

        Reply first = call(HttpRequest.POST("/api/orders", "{\"ticketId\":\"" + ticketId + "\"}")
                .contentType(MediaType.APPLICATION_JSON_TYPE).bearerAuth(buyer.token()).header("Idempotency-Key", "o-1"));
        Reply again = call(HttpRequest.POST("/api/orders", "{ \"ticketId\" : \"" + ticketId + "\" }")
                .contentType(MediaType.APPLICATION_JSON_TYPE).bearerAuth(buyer.token()).header("Idempotency-Key", "o-1"));
        Reply different = call(HttpRequest.POST("/api/orders", "{\"ticketId\":\"" + otherTicket + "\"}")
                .contentType(MediaType.APPLICATION_JSON_TYPE).bearerAuth(buyer.token()).header("Idempotency-Key", "o-1"));

        assertThat(first.status()).isEqualTo(201);
        assertThat(again.status()).isEqualTo(201);
        assertThat(again.text("id")).isEqualTo(first.text("id"));
        different.assertError(400);
        assertThat(get("/api/orders", buyer).json().size()).isEqualTo(1);
    }
}
