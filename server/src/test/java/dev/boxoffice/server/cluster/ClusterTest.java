package dev.boxoffice.server.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.boxoffice.engine.support.Await;
import dev.boxoffice.engine.support.NatsServer;
import dev.boxoffice.engine.support.Postgres;
import dev.boxoffice.engine.support.TempDirs;
import dev.boxoffice.server.crash.ServerProcess;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse.BodyHandlers;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.stream.IntStream;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * Three server nodes, each a child JVM with its own engine, on one PostgreSQL database and one nats-server, all on
 * loopback: the original README's order-service instances in different processes. The tests run in order on the
 * one cluster; the last kills the node holding the expiry timers.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ClusterTest {

    private static final Duration WAIT = Duration.ofSeconds(60);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String OPERATOR = "admin@boxoffice.local";
    private static final String OPERATOR_PASSWORD = "operator-" + UUID.randomUUID();

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final Path root = TempDirs.create("cluster");
    private final List<ServerProcess> nodes = new ArrayList<>();
    private NatsServer broker;
    private String database;
    private String seller;
    private String operator;

    @BeforeAll
    void startCluster() throws IOException {
        broker = NatsServer.start();
        database = Postgres.newDatabase();
        String secret = UUID.randomUUID() + "-" + UUID.randomUUID();
        for (int n = 1; n <= 3; n++) {
            // one after the other: node-1 starts alone, so it takes every duty
            nodes.add(ServerProcess.start(root.resolve("node-" + n), "boxoffice.node-id=node-" + n,
                    "boxoffice.database.url=" + database, "boxoffice.database.user=postgres",
                    "boxoffice.database.password=postgres", "boxoffice.nats.url=" + broker.url(),
                    "boxoffice.jwt-secret=" + secret, "boxoffice.admin.password=" + OPERATOR_PASSWORD,
                    "boxoffice.expiry-window=12s", "boxoffice.entity-affinity=false", "boxoffice.fetch-batch=1",
                    "boxoffice.order-replicas=2", "boxoffice.order-rate.capacity=1000",
                    // real time: the timers fire while the test works on other nodes
                    "test.clock=system"));
        }
        seller = signup(node(1));
        operator = call(node(1), "POST", "/api/users/signin",
                "{\"email\":\"" + OPERATOR + "\",\"password\":\"" + OPERATOR_PASSWORD + "\"}", null)
                .json().path("token").asText();
    }

    @AfterAll
    void stopCluster() throws InterruptedException {
        for (ServerProcess node : nodes) {
            node.close();
        }
        if (broker != null) {
            broker.close();
        }
        TempDirs.delete(root);
    }

    @Test
    @Order(1)
    void shouldShowEveryNodeAndItsReplicas_onAnyNode() {
        for (int n = 1; n <= 3; n++) {
            String url = node(n);
            Await.until("every node's order replicas on node " + n, WAIT, () -> {
                Set<String> ids = new HashSet<>();
                call(url, "GET", "/api/admin/replicas", null, operator).json().forEach(r -> ids.add(r.path("id")
                        .asText()));
                return ids.containsAll(List.of("orders@node-1#1", "orders@node-1#2", "orders@node-2#1",
                        "orders@node-2#2", "orders@node-3#1", "orders@node-3#2"));
            });
        }
        JsonNode view = call(node(3), "GET", "/api/admin/nodes", null, operator).json();
        assertThat(view).extracting(n -> n.path("nodeId").asText()).containsExactly("node-3", "node-1", "node-2");
        assertThat(view).allSatisfy(n -> assertThat(n.path("live").asBoolean()).isTrue());
        assertThat(view.get(1).path("duties")).extracting(JsonNode::asText).containsExactly("expiration-timers",
                "payment-settlement", "relay:expiration", "relay:orders", "relay:payments", "relay:tickets");
    }

    @Test
    @Order(2)
    void shouldBookOneTicketOnce_whenThirtyTwoBuyersSpreadOverTheNodesRaceForIt() {
        String ticket = replicatedTicket(node(1), "Final");
        List<String> buyers = IntStream.range(0, 32).mapToObj(i -> signup(node(i % 3 + 1))).toList();

        List<CompletableFuture<Answer>> race = new ArrayList<>();
        for (int i = 0; i < buyers.size(); i++) {
            String url = node(i % 3 + 1);
            String buyer = buyers.get(i);
            race.add(CompletableFuture.supplyAsync(() -> call(url, "POST", "/api/orders",
                    "{\"ticketId\":\"" + ticket + "\"}", buyer)));
        }
        List<Answer> answers = race.stream().map(CompletableFuture::join).toList();

        assertThat(answers).filteredOn(a -> a.status() == 201).hasSize(1);
        assertThat(answers).filteredOn(a -> a.status() != 201).allSatisfy(a -> {
            assertThat(a.status()).isEqualTo(400);
            assertThat(a.json().toString()).contains("already reserved");
        });
        Await.until("the ticket reserved on every node", WAIT, () -> IntStream.rangeClosed(1, 3).allMatch(n ->
                !call(node(n), "GET", "/api/tickets/" + ticket, null, null).json().path("orderId").isNull()));
    }

    @Test
    @Order(3)
    void shouldKeepEveryReplicaAtTheOwnersVersion_whenTwoHundredEditsRaceOverTheNodesReplicas() {
        Map<String, Long> before = sums(node(2));
        String ticket = replicatedTicket(node(1), "Edited");

        for (int i = 1; i <= 200; i++) {
            Answer edit = call(node(1), "PUT", "/api/tickets/" + ticket,
                    "{\"title\":\"Edit " + i + "\",\"price\":\"" + (10 + i) + ".00\"}", seller);
            assertThat(edit.status()).as(edit.json().toString()).isEqualTo(200);
        }

        for (int n = 1; n <= 3; n++) {
            String url = node(n);
            Await.until("the replica at version 200 on node " + n, WAIT, () -> call(url, "GET",
                    "/api/admin/ticket-replicas/" + ticket, null, operator).json().path("version").asLong() == 200);
        }
        JsonNode replica = call(node(3), "GET", "/api/admin/ticket-replicas/" + ticket, null, operator).json();
        assertThat(replica.path("title").asText()).isEqualTo("Edit 200");
        // the counters of the other nodes arrive with their next report
        Await.until("out-of-order refusals, and instances of several nodes applying edits", WAIT, () -> {
            Map<String, Long> after = sums(node(2));
            long nodesApplying = IntStream.rangeClosed(1, 3).filter(n -> after.getOrDefault("applied@node-" + n, 0L)
                    > before.getOrDefault("applied@node-" + n, 0L)).count();
            return nodesApplying >= 2 && after.getOrDefault("outOfOrderRefused", 0L)
                    > before.getOrDefault("outOfOrderRefused", 0L);
        });
    }

    @Test
    @Order(4)
    void shouldCancelEachDueOrderOnce_andCompleteAPaidOrderOnce_whenTheNodeFiringTimersIsKilled() throws Exception {
        List<String[]> orders = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            String ticket = replicatedTicket(node(2), "Seat " + i);
            String buyer = signup(node(3));
            Answer order = call(node(3), "POST", "/api/orders", "{\"ticketId\":\"" + ticket + "\"}", buyer);
            assertThat(order.status()).as(order.json().toString()).isEqualTo(201);
            orders.add(new String[] {order.json().path("id").asText(), buyer});
        }
        Await.until("every order's timer", WAIT, () -> call(node(2), "GET", "/api/admin/expirations", null,
                operator).json().size() >= orders.size());
        int holder = timerHolder(node(2));

        nodes.get(holder - 1).kill();
        int survivor = holder == 3 ? 2 : 3;
        String url = node(survivor);

        try {
            for (String[] order : orders) {
                Await.until("order " + order[0] + " cancelled", WAIT, () -> call(url, "GET", "/api/orders/"
                        + order[0], null, order[1]).json().path("status").asText().equals("cancelled"));
            }
        } catch (AssertionError e) {
            throw new AssertionError(e.getMessage() + "; the cluster as node " + survivor + " sees it: "
                    + state(url), e);
        }
        Map<String, Integer> fired = countBy(url, "expiration:complete");
        for (String[] order : orders) {
            assertThat(fired.get(order[0])).as("expirations of order %s", order[0]).isEqualTo(1);
        }
        Await.until("the killed node shown as no longer reporting", WAIT, () -> {
            for (JsonNode n : call(url, "GET", "/api/admin/nodes", null, operator).json()) {
                if (n.path("nodeId").asText().equals("node-" + holder)) {
                    return !n.path("live").asBoolean();
                }
            }
            return false;
        });
        Await.until("another node firing the timers", WAIT, () -> {
            try {
                return timerHolder(url) != holder;
            } catch (AssertionError none) {
                return false;
            }
        });

        // a paid order completes once, with the other nodes settling
        String ticket = replicatedTicket(url, "Paid");
        String buyer = signup(url);
        String order = call(url, "POST", "/api/orders", "{\"ticketId\":\"" + ticket + "\"}", buyer).json()
                .path("id").asText();
        Await.until("the payment accepted", WAIT, () -> call(url, "POST", "/api/payments",
                "{\"token\":\"tok_visa\",\"orderId\":\"" + order + "\"}", buyer).status() == 201);
        Await.until("the order complete", WAIT, () -> call(url, "GET", "/api/orders/" + order, null, buyer).json()
                .path("status").asText().equals("complete"));
        Await.until("the charge captured", WAIT, () -> "captured".equals(paymentStatus(order)));
        assertThat(countBy(url, "order:completed").get(order)).isEqualTo(1);
        assertThat(countBy(url, "payment:created").get(order)).isEqualTo(1);
    }

    /** The status of the one payment of an order, as the payments service keeps it (no route shows it). */
    private String paymentStatus(String orderId) {
        try (var c = java.sql.DriverManager.getConnection(database, "postgres", "postgres");
             var statement = c.prepareStatement("SELECT status FROM payments.payments WHERE order_id = ?")) {
            statement.setString(1, orderId);
            try (var rows = statement.executeQuery()) {
                String status = rows.next() ? rows.getString(1) : null;
                assertThat(rows.next()).as("one payment for order %s", orderId).isFalse();
                return status;
            }
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** What the operator API of a node shows, for a failure's message. */
    private String state(String url) {
        StringBuilder state = new StringBuilder();
        for (String path : List.of("/api/admin/nodes", "/api/admin/lag", "/api/admin/outboxes",
                "/api/admin/expirations", "/api/admin/stats", "/api/admin/dead-letters",
                "/api/admin/events?subject=expiration:complete")) {
            state.append("\n").append(path).append(": ").append(call(url, "GET", path, null, operator).json());
        }
        return state.toString();
    }

    private int timerHolder(String url) {
        for (JsonNode n : call(url, "GET", "/api/admin/nodes", null, operator).json()) {
            for (JsonNode duty : n.path("duties")) {
                if (duty.asText().equals("expiration-timers") && n.path("live").asBoolean()) {
                    return Integer.parseInt(n.path("nodeId").asText().substring("node-".length()));
                }
            }
        }
        throw new AssertionError("no live node holds the expiry timers");
    }

    /** How many events of a subject there are per aggregate (orders: the order id, payments: the order id). */
    private Map<String, Integer> countBy(String url, String subject) {
        Map<String, Integer> counts = new HashMap<>();
        for (JsonNode event : call(url, "GET", "/api/admin/events?subject=" + subject + "&limit=10000", null,
                operator).json()) {
            String key = event.path("payload").has("orderId") ? event.path("payload").path("orderId").asText()
                    : event.path("aggregateId").asText();
            counts.merge(key, 1, Integer::sum);
        }
        return counts;
    }

    /** The orders instances' counters summed: {@code applied@node-N} per node, and every counter overall. */
    private Map<String, Long> sums(String url) {
        Map<String, Long> sums = new HashMap<>();
        for (JsonNode r : call(url, "GET", "/api/admin/replicas", null, operator).json()) {
            if (r.path("group").asText().equals("orders")) {
                sums.merge("applied@" + r.path("node").asText(), r.path("applied").asLong(), Long::sum);
                sums.merge("outOfOrderRefused", r.path("outOfOrderRefused").asLong(), Long::sum);
                sums.merge("redelivered", r.path("redelivered").asLong(), Long::sum);
            }
        }
        return sums;
    }

    private String replicatedTicket(String url, String title) {
        Answer ticket = call(url, "POST", "/api/tickets", "{\"title\":\"" + title + "\",\"price\":\"20.00\"}", seller);
        assertThat(ticket.status()).as(ticket.json().toString()).isEqualTo(201);
        String id = ticket.json().path("id").asText();
        Await.until("ticket " + id + " in the orders service's replica", WAIT, () -> call(url, "GET",
                "/api/admin/ticket-replicas/" + id, null, operator).status() == 200);
        return id;
    }

    private String signup(String url) {
        Answer answer = call(url, "POST", "/api/users/signup",
                "{\"email\":\"u-" + UUID.randomUUID() + "@example.com\",\"password\":\"secret\"}", null);
        assertThat(answer.status()).as(answer.json().toString()).isEqualTo(201);
        return answer.json().path("token").asText();
    }

    private String node(int n) {
        return nodes.get(n - 1).url;
    }

    record Answer(int status, JsonNode json) {
    }

    private Answer call(String url, String method, String path, String body, String token) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url + path))
                .timeout(Duration.ofSeconds(60))
                .method(method, body == null ? BodyPublishers.noBody() : BodyPublishers.ofString(body))
                .header("Content-Type", "application/json");
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        try {
            var response = http.send(request.build(), BodyHandlers.ofString());
            String text = response.body();
            return new Answer(response.statusCode(), text.isEmpty() ? JSON.nullNode() : JSON.readTree(text));
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
