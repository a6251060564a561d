package dev.boxoffice.server.admin;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.boxoffice.server.ApiTestSupport;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.client.annotation.Client;
import io.micronaut.http.client.sse.SseClient;
import io.micronaut.http.sse.Event;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Flux;

@MicronautTest
class AdminApiTest extends ApiTestSupport {

    private static final List<String> READ_ROUTES = List.of("/api/admin/events", "/api/admin/replicas",
            "/api/admin/dead-letters", "/api/admin/expirations", "/api/admin/stream",
            "/api/admin/ticket-replicas/x", "/api/admin/lag", "/api/admin/outboxes",
            "/api/admin/orders", "/api/admin/payments", "/api/admin/order-replicas/x", "/api/admin/tickets");

    @Inject
    @Client("/")
    SseClient sse;

    @Test
    void shouldAnswer401WithoutAuthAnd403ForANormalUser() {
        Session user = signup();
        for (String route : READ_ROUTES) {
            get(route, null).assertError(401);
            get(route, user).assertError(403);
        }
        post("/api/admin/dead-letters/x/retry", "{}", null).assertError(401);
        post("/api/admin/dead-letters/x/retry", "{}", user).assertError(403);
        post("/api/admin/outboxes/republish", "{\"fromPosition\":1}", null).assertError(401);
        post("/api/admin/outboxes/republish", "{\"fromPosition\":1}", user).assertError(403);
    }

    @Test
    void shouldShowTheOutboxes_andRepublishFromAPositionOrATime() {
        replicatedTicket(signup(), "Encore", "5");
        engine.awaitQuiescence(QUIET);
        Session operator = operator();

        JsonNode outboxes = get("/api/admin/outboxes", operator).json();
        assertThat(outboxes.size()).isEqualTo(4);
        JsonNode tickets = outboxes.get(0);
        assertThat(tickets.path("service").asText()).isEqualTo("tickets");
        assertThat(tickets.path("retained").asLong()).isPositive();
        assertThat(tickets.path("unpublished").asLong()).isZero();
        assertThat(tickets.path("publishedThrough").asLong()).isEqualTo(tickets.path("newestPosition").asLong());
        long retained = 0;
        for (JsonNode outbox : outboxes) {
            retained += outbox.path("retained").asLong();
        }

        Reply fromNewest = post("/api/admin/outboxes/republish",
                "{\"fromPosition\":" + tickets.path("newestPosition").asLong() + "}", operator);
        assertThat(fromNewest.status()).as(fromNewest.body()).isEqualTo(202);
        assertThat(fromNewest.json().path("events").asLong()).isEqualTo(1);
        Reply everything = post("/api/admin/outboxes/republish", "{\"since\":\"1970-01-01T00:00:00Z\"}", operator);
        assertThat(everything.status()).isEqualTo(202);
        assertThat(everything.json().path("events").asLong()).isEqualTo(retained);
        assertThat(everything.json().path("since").asText()).isEqualTo("1970-01-01T00:00:00.000Z");
        assertThat(post("/api/admin/outboxes/republish", "{\"since\":\"2999-01-01T00:00:00Z\"}", operator)
                .json().path("events").asLong()).isZero();
        engine.awaitQuiescence(QUIET);
        assertThat(get("/api/admin/dead-letters", operator).json().size()).isZero();

        post("/api/admin/outboxes/republish", "{}", operator).assertError(400);
        post("/api/admin/outboxes/republish", "{\"fromPosition\":1,\"since\":\"1970-01-01T00:00:00Z\"}",
                operator).assertError(400);
        for (String bad : List.of("0", "-3", "1.5", "\"5\"", "99999999999999999999", "null")) {
            assertThat(post("/api/admin/outboxes/republish", "{\"fromPosition\":" + bad + "}", operator)
                    .assertError(400).firstErrorField()).as(bad).isEqualTo("fromPosition");
        }
        for (String bad : List.of("\"yesterday\"", "\"2026-12-02\"", "17", "null")) {
            assertThat(post("/api/admin/outboxes/republish", "{\"since\":" + bad + "}", operator)
                    .assertError(400).firstErrorField()).as(bad).isEqualTo("since");
        }
    }

    @Test
    void shouldShowEachConsumerGroupsLag_zeroOnceQuiet() {
        replicatedTicket(signup(), "Lagging", "5");
        engine.awaitQuiescence(QUIET);

        var lag = get("/api/admin/lag", operator()).json();

        assertThat(lag.size()).isEqualTo(4);
        for (String group : new String[] {"tickets", "orders", "expiration", "payments"}) {
            assertThat(lag.path(group).isNumber()).as(group).isTrue();
            assertThat(lag.path(group).asLong()).as(group).isZero();
        }
    }

    @Test
    void shouldListEventsFilteredBySubjectAndAggregate() {
        Session seller = signup();
        String ticketId = replicatedTicket(seller, "Audit", "5");
        put("/api/tickets/" + ticketId, "{\"title\":\"Audit 2\",\"price\":6}", seller);
        engine.awaitQuiescence(QUIET);
        Session operator = operator();

        JsonNode forTicket = get("/api/admin/events?aggregateId=" + ticketId, operator).json();
        assertThat(forTicket.size()).isEqualTo(2);
        assertThat(forTicket.get(0).path("subject").asText()).isEqualTo("ticket:created");
        assertThat(forTicket.get(1).path("version").asLong()).isEqualTo(1);
        assertThat(forTicket.get(1).path("payload").path("title").asText()).isEqualTo("Audit 2");
        assertThat(java.time.Instant.parse(forTicket.get(0).path("occurredAt").asText())).isEqualTo(clock.instant());
        JsonNode updates = get("/api/admin/events?subject=ticket:updated&aggregateId=" + ticketId, operator).json();
        assertThat(updates.size()).isEqualTo(1);
        assertThat(get("/api/admin/events?limit=1", operator).json().size()).isEqualTo(1);
        assertThat(get("/api/admin/events?limit=0", operator).assertError(400).firstErrorField()).isEqualTo("limit");
        get("/api/admin/events?limit=lots", operator).assertError(400);
    }

    @Test
    void shouldListEveryonesOrdersAPageAtATime_withFilters_andEachServicesCopyOfAnOrder() {
        Session ann = signup();
        Session bob = signup();
        Session seller = signup();
        String first = placedOrder(ann, replicatedTicket(seller, "One", "5"));
        String second = placedOrder(bob, replicatedTicket(seller, "Two", "6"));
        String third = placedOrder(bob, replicatedTicket(seller, "Three", "7"));
        delete("/api/orders/" + second, bob);
        post("/api/payments", "{\"token\":\"tok_visa\",\"orderId\":\"" + third + "\"}", bob).json();
        engine.awaitQuiescence(QUIET);
        Session operator = operator();

        Reply page = get("/api/admin/orders?userId=" + bob.id() + "&limit=1", operator);
        assertThat(ids(page.json())).containsExactly(second);
        String next = page.headers().get("Link").replaceFirst("^<([^>]*)>.*$", "$1");
        assertThat(next).contains("userId=" + bob.id()).contains("after=" + second);
        assertThat(ids(get(next, operator).json())).containsExactly(third);
        assertThat(get(next, operator).headers().get("Link")).isNull();
        assertThat(ids(get("/api/admin/orders?status=cancelled&userId=" + bob.id(), operator).json()))
                .containsExactly(second);
        assertThat(ids(get("/api/admin/orders?limit=1000", operator).json()))
                .containsSubsequence(first, second, third);
        assertThat(page.json().get(0).path("userEmail").asText()).isEqualTo(bob.email());
        assertThat(ids(get("/api/admin/orders?buyer=" + bob.email().toUpperCase(java.util.Locale.ROOT), operator)
                .json())).containsExactly(second, third);
        assertThat(get("/api/admin/orders?buyer=nobody@example.com", operator).json()).isEmpty();
        assertThat(get("/api/admin/orders?status=lost", operator).assertError(400).firstErrorField())
                .isEqualTo("status");
        for (String after : List.of("3f0d9a8e-1b2c-4d5e-8f90-123456789abc", "not-an-id")) {
            assertThat(get("/api/admin/orders?after=" + after, operator).assertError(400).firstErrorField()).as(after)
                    .isEqualTo("after");
        }

        java.util.Map<String, JsonNode> tickets = new java.util.HashMap<>();
        String pageOfTickets = "/api/admin/tickets?limit=1000";
        while (pageOfTickets != null) {
            Reply ticketPage = get(pageOfTickets, operator);
            ticketPage.json().forEach(t -> tickets.put(t.path("title").asText() + "@" + t.path("userId").asText(), t));
            String link = ticketPage.headers().get("Link");
            pageOfTickets = link == null ? null : link.replaceFirst("^<([^>]*)>.*$", "$1");
        }
        JsonNode one = tickets.get("One@" + seller.id());
        assertThat(one.path("userEmail").asText()).isEqualTo(seller.email());
        assertThat(one.path("orderId").asText()).isEqualTo(first);
        assertThat(one.path("status").asText()).isEqualTo("reserved");
        assertThat(tickets.get("Two@" + seller.id()).path("status").asText()).isEqualTo("free");
        assertThat(tickets.get("Three@" + seller.id()).path("status").asText()).isEqualTo("sold");

        JsonNode payments = get("/api/admin/payments?orderId=" + third, operator).json();
        assertThat(payments.findValuesAsText("status")).containsExactly("captured");
        assertThat(payments.get(0).path("userId").asText()).isEqualTo(bob.id());
        assertThat(get("/api/admin/payments?limit=1000", operator).json().findValuesAsText("orderId")).contains(third);

        JsonNode replicas = get("/api/admin/order-replicas/" + second, operator).json();
        assertThat(replicas.path("tickets").path("status").asText()).isEqualTo("cancelled");
        assertThat(replicas.path("tickets").path("version").asLong()).isEqualTo(1);
        assertThat(replicas.path("payments").path("status").asText()).isEqualTo("cancelled");
        assertThat(replicas.path("payments").path("userId").asText()).isEqualTo(bob.id());
        get("/api/admin/order-replicas/3f0d9a8e-1b2c-4d5e-8f90-123456789abc", operator).assertError(404);
        get("/api/admin/order-replicas/not-an-id", operator).assertError(400);
    }

    /** The orders' own ids (not their tickets'). */
    private static List<String> ids(JsonNode orders) {
        List<String> ids = new java.util.ArrayList<>();
        orders.forEach(o -> ids.add(o.path("id").asText()));
        return ids;
    }

    @Test
    void shouldShowReplicaCountersTimersAndDeadLetters() {
        Session buyer = signup();
        String orderId = placedOrder(buyer, replicatedTicket(signup(), "Timer", "5"));
        Session operator = operator();

        JsonNode replicas = get("/api/admin/replicas", operator).json();
        assertThat(replicas.findValuesAsText("group")).contains("orders", "tickets", "expiration", "payments");
        assertThat(replicas.get(0).has("outOfOrderRefused")).isTrue();
        assertThat(replicas.get(0).has("redelivered")).isTrue();
        String ticketId = replicatedTicket(signup(), "Replicated", "7.25");
        JsonNode replica = get("/api/admin/ticket-replicas/" + ticketId, operator).json();
        assertThat(replica.path("version").asLong()).isZero();
        assertThat(replica.path("price").decimalValue()).isEqualByComparingTo("7.25");
        get("/api/admin/ticket-replicas/3f0d9a8e-1b2c-4d5e-8f90-123456789abc", operator).assertError(404);
        JsonNode timers = get("/api/admin/expirations?limit=1000", operator).json();
        assertThat(timers.findValuesAsText("orderId")).contains(orderId);
        JsonNode timer = java.util.stream.StreamSupport.stream(timers.spliterator(), false)
                .filter(t -> t.path("orderId").asText().equals(orderId)).findFirst().orElseThrow();
        assertThat(timer.path("ticketTitle").asText()).isEqualTo("Timer");
        assertThat(timer.path("userEmail").asText()).isEqualTo(buyer.email());
        assertThat(get("/api/admin/dead-letters", operator).json().isArray()).isTrue();
        JsonNode stats = get("/api/admin/stats", operator).json();
        assertThat(stats.path("tickets").asLong()).isGreaterThanOrEqualTo(2);
        assertThat(stats.path("reservedTickets").asLong()).isGreaterThanOrEqualTo(1);
        assertThat(stats.path("ordersByStatus").path("created").asLong()).isGreaterThanOrEqualTo(1);
        assertThat(stats.path("pendingTimers").asLong()).isGreaterThanOrEqualTo(1);
        assertThat(stats.has("overdueTimers")).isTrue();
        get("/api/admin/stats", signup()).assertError(403);
        post("/api/admin/dead-letters/3f0d9a8e-1b2c-4d5e-8f90-123456789abc/retry", "{}", operator).assertError(404);
    }

    @Test
    void shouldPageThePendingTimersSoonestFirst_withTheirOrdersTitlesAndBuyers() {
        Session buyer = signup();
        Session seller = signup();
        List<String> placed = new java.util.ArrayList<>();
        for (int i = 0; i < 3; i++) {
            placed.add(placedOrder(buyer, replicatedTicket(seller, "Paged " + i, "5")));
        }
        engine.awaitQuiescence(QUIET);
        Session operator = operator();

        List<JsonNode> timers = new java.util.ArrayList<>();
        List<Integer> sizes = new java.util.ArrayList<>();
        String page = "/api/admin/expirations?limit=2";
        while (page != null) {
            Reply reply = get(page, operator);
            reply.json().forEach(timers::add);
            sizes.add(reply.json().size());
            String link = reply.headers().get("Link");
            page = link == null ? null : link.replaceFirst("^<([^>]*)>.*$", "$1");
        }
        List<String> orderIds = timers.stream().map(t -> t.path("orderId").asText()).toList();
        assertThat(orderIds).containsAll(placed).doesNotHaveDuplicates();
        assertThat(sizes.subList(0, sizes.size() - 1)).allMatch(n -> n == 2);
        assertThat(timers).as("soonest first, ties by order id")
                .isSortedAccordingTo(java.util.Comparator.<JsonNode, java.time.Instant>comparing(
                        t -> java.time.Instant.parse(t.path("expiresAt").asText()))
                        .thenComparing(t -> t.path("orderId").asText()));
        assertThat(timers).filteredOn(t -> placed.contains(t.path("orderId").asText()))
                .allSatisfy(t -> assertThat(t.path("userEmail").asText()).isEqualTo(buyer.email()))
                .allSatisfy(t -> assertThat(t.path("ticketTitle").asText())
                        .isEqualTo("Paged " + placed.indexOf(t.path("orderId").asText())));
        assertThat(get("/api/admin/stats", operator).json().path("pendingTimers").asLong())
                .isGreaterThanOrEqualTo(placed.size());

        assertThat(get("/api/admin/expirations?after=3f0d9a8e-1b2c-4d5e-8f90-123456789abc", operator)
                .assertError(400).firstErrorField()).isEqualTo("after");
        assertThat(get("/api/admin/expirations?after=nonsense", operator).assertError(400).firstErrorField())
                .isEqualTo("after");
        assertThat(get("/api/admin/expirations?limit=0", operator).assertError(400).firstErrorField())
                .isEqualTo("limit");
    }

    @Test
    void shouldStreamEachPublishedEventAsServerSentEvents() throws Exception {
        Session operator = operator();
        List<Event<JsonNode>> updates = new CopyOnWriteArrayList<>();
        CountDownLatch firstUpdate = new CountDownLatch(1);
        var subscription = Flux.from(sse.eventStream(
                        HttpRequest.GET("/api/admin/stream").bearerAuth(operator.token()), JsonNode.class))
                .filter(e -> "ticket:updated".equals(e.getName()))
                .subscribe(e -> {
                    updates.add(e);
                    firstUpdate.countDown();
                });
        try {
            Session seller = signup();
            String ticketId = replicatedTicket(seller, "Live", "5");
            // the stream subscribes asynchronously: edit until an update arrives, within a deadline
            long deadline = System.nanoTime() + QUIET.toNanos();
            for (int edit = 1; firstUpdate.getCount() > 0 && System.nanoTime() < deadline; edit++) {
                put("/api/tickets/" + ticketId, "{\"title\":\"Live " + edit + "\",\"price\":5}", seller);
                firstUpdate.await(200, TimeUnit.MILLISECONDS);
            }

            assertThat(updates).as("ticket:updated events on the stream").isNotEmpty();
            Event<JsonNode> update = updates.get(0);
            assertThat(update.getData().path("aggregateId").asText()).isEqualTo(ticketId);
            assertThat(update.getData().path("subject").asText()).isEqualTo("ticket:updated");
            assertThat(update.getId()).isEqualTo(update.getData().path("id").asText());
            assertThat(update.getData().path("occurredAt").asText())
                    .matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}Z");
        } finally {
            subscription.dispose();
        }
    }
}
