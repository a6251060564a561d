package dev.boxoffice.server.crash;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.boxoffice.engine.support.Await;
import dev.boxoffice.engine.support.TempDirs;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A request with an {@code Idempotency-Key} is in flight when the server is killed with SIGKILL; after a restart
 * the same request with the same key gets the answer of the work, done once, instead of a 409 for ever.
 */
class IdempotencyAfterCrashTest {

    private static final Duration QUIET = Duration.ofSeconds(30);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Path dir = TempDirs.create("idempotency-crash").resolve("data");
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private ServerProcess server;

    @AfterEach
    void stop() throws InterruptedException {
        if (server != null) {
            server.close();
        }
        TempDirs.delete(dir.getParent());
    }

    record Answer(int status, JsonNode json) {
    }

    private CompletableFuture<HttpResponse<String>> sendAsync(String method, String path, String body, String token,
                                                              String key) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(server.url + path))
                .timeout(Duration.ofSeconds(60))
                .method(method, body == null ? BodyPublishers.noBody() : BodyPublishers.ofString(body))
                .header("Content-Type", "application/json");
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        if (key != null) {
            request.header("Idempotency-Key", key);
        }
        return http.sendAsync(request.build(), BodyHandlers.ofString());
    }

    private Answer send(String method, String path, String body, String token, String key) {
        HttpResponse<String> response = sendAsync(method, path, body, token, key).join();
        try {
            return new Answer(response.statusCode(), JSON.readTree(response.body()));
        } catch (IOException e) {
            throw new AssertionError("Not JSON: " + response.body(), e);
        }
    }

    private String signup() {
        Answer answer = send("POST", "/api/users/signup",
                "{\"email\":\"u-" + UUID.randomUUID() + "@example.com\",\"password\":\"secret\"}", null, null);
        assertThat(answer.status()).isEqualTo(201);
        return answer.json().path("token").asText();
    }

    /** A ticket on sale, known to the orders service's replica. */
    private String replicatedTicket(String seller) throws SQLException {
        Answer ticket = send("POST", "/api/tickets", "{\"title\":\"Gig\",\"price\":\"25.00\"}", seller, null);
        assertThat(ticket.status()).isEqualTo(201);
        String id = ticket.json().path("id").asText();
        awaitRow("the ticket in the orders service's replica", "orders.db",
                "SELECT 1 FROM ticket_replica WHERE id = ?", id);
        return id;
    }

    private long count(String file, String sql, String... args) throws SQLException {
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + dir.resolve(file));
             PreparedStatement statement = c.prepareStatement(sql)) {
            for (int i = 0; i < args.length; i++) {
                statement.setString(i + 1, args[i]);
            }
            try (ResultSet rows = statement.executeQuery()) {
                long n = 0;
                while (rows.next()) {
                    n++;
                }
                return n;
            }
        }
    }

    private void awaitRow(String what, String file, String sql, String... args) {
        Await.until(what, QUIET, () -> {
            try {
                return count(file, sql, args) > 0;
            } catch (SQLException e) {
                return false; // the file or table may not be there yet
            }
        });
    }

    /** The killed server's client got no answer: its connection broke. */
    private static void assertNoAnswer(CompletableFuture<HttpResponse<String>> inFlight) {
        assertThatThrownBy(() -> inFlight.get(QUIET.toSeconds(), TimeUnit.SECONDS))
                .isInstanceOf(ExecutionException.class).hasCauseInstanceOf(IOException.class);
    }

    @Test
    void shouldPlaceTheOrderOnRetry_whenTheServerDiedBeforeTheOrderWasStored() throws Exception {
        server = ServerProcess.start(dir);
        String seller = signup();
        String buyer = signup();
        String ticketId = replicatedTicket(seller);
        String body = "{\"ticketId\":\"" + ticketId + "\"}";

        try (Connection lock = DriverManager.getConnection("jdbc:sqlite:" + dir.resolve("orders.db"));
             Statement statement = lock.createStatement()) {
            statement.execute("BEGIN IMMEDIATE"); // the orders service cannot commit: the order stays in flight
            CompletableFuture<HttpResponse<String>> inFlight = sendAsync("POST", "/api/orders", body, buyer, "order-1");
            awaitRow("the key claimed", "api.db",
                    "SELECT 1 FROM idempotency_keys WHERE idem_key = ? AND status IS NULL", "order-1");
            server.kill();
            statement.execute("ROLLBACK");
            assertNoAnswer(inFlight);
        }
        assertThat(count("orders.db", "SELECT 1 FROM orders WHERE ticket_id = ?", ticketId))
                .as("nothing was done before the crash").isZero();

        server = ServerProcess.start(dir);
        Answer retried = send("POST", "/api/orders", body, buyer, "order-1");
        Answer again = send("POST", "/api/orders", body, buyer, "order-1");

        assertThat(retried.status()).as(retried.json().toString()).isEqualTo(201);
        assertThat(retried.json().path("ticket").path("id").asText()).isEqualTo(ticketId);
        assertThat(again.status()).isEqualTo(201);
        assertThat(again.json().path("id")).isEqualTo(retried.json().path("id"));
        assertThat(send("GET", "/api/orders", null, buyer, null).json()).hasSize(1);
    }

    @Test
    void shouldAnswerThePaymentOnRetry_whenTheServerDiedWhileTheCardWasBeingAuthorized() throws Exception {
        server = ServerProcess.start(dir, CrashableServer.NEVER_ANSWERS + "=true");
        String seller = signup();
        String buyer = signup();
        String ticketId = replicatedTicket(seller);
        Answer order = send("POST", "/api/orders", "{\"ticketId\":\"" + ticketId + "\"}", buyer, null);
        assertThat(order.status()).isEqualTo(201);
        String orderId = order.json().path("id").asText();
        awaitRow("the order in the payments service's replica", "payments.db",
                "SELECT 1 FROM order_replica WHERE id = ?", orderId);
        String body = "{\"token\":\"tok_visa\",\"orderId\":\"" + orderId + "\"}";

        CompletableFuture<HttpResponse<String>> inFlight = sendAsync("POST", "/api/payments", body, buyer, "pay-1");
        awaitRow("the card authorization under way", "payments.db",
                "SELECT 1 FROM payments WHERE order_id = ? AND status = 'authorizing'", orderId);
        server.kill();
        assertNoAnswer(inFlight);

        server = ServerProcess.start(dir); // with the simulated card processor, which answers
        Answer retried = send("POST", "/api/payments", body, buyer, "pay-1");
        Answer again = send("POST", "/api/payments", body, buyer, "pay-1");

        assertThat(retried.status()).as(retried.json().toString()).isEqualTo(201);
        assertThat(retried.json().path("orderId").asText()).isEqualTo(orderId);
        assertThat(again.json().path("id")).isEqualTo(retried.json().path("id"));
        Await.until("the order to complete", QUIET, () ->
                send("GET", "/api/orders/" + orderId, null, buyer, null).json().path("status").asText()
                        .equals("complete"));
        assertThat(count("payments.db", "SELECT 1 FROM payments WHERE order_id = ?", orderId))
                .as("one payment for the order").isEqualTo(1);
    }
}
