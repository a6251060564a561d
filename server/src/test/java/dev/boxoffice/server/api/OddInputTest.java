package dev.boxoffice.server.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.boxoffice.server.ApiTestSupport;
import io.micronaut.context.annotation.Property;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;

/**
 * Requests as odd clients send them: bodies that claim a compression they do not have, numbers no decimal can
 * hold, browsers on other origins, and a live stream with nothing to say yet. Never a 500, never an empty refusal.
 */
@MicronautTest
@Property(name = "boxoffice.allowed-origins", value = "http://localhost:3000,https://tickets.example")
@Property(name = "boxoffice.stream-heartbeat", value = "200ms")
class OddInputTest extends ApiTestSupport {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Inject
    EmbeddedServer server;

    private final HttpClient raw = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    record Answer(int status, String body, HttpResponse<?> response) {
        JsonNode json() {
            try {
                return JSON.readTree(body);
            } catch (IOException e) {
                throw new AssertionError("Not JSON (" + status + "): " + body, e);
            }
        }

        String header(String name) {
            return response.headers().firstValue(name).orElse(null);
        }

        /** The contract's error body with one message or more. */
        Answer assertError(int expected) {
            assertThat(status).as(body).isEqualTo(expected);
            assertThat(header("Content-Type")).startsWith("application/json");
            assertThat(json().path("errors").path(0).path("message").asText()).isNotBlank();
            return this;
        }

        String firstField() {
            return json().path("errors").path(0).path("field").asText(null);
        }
    }

    private Answer send(String method, String path, byte[] body, String token, String... headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(server.getURL() + path))
                .method(method, body == null ? BodyPublishers.noBody() : BodyPublishers.ofByteArray(body));
        if (body != null) {
            request.header("Content-Type", "application/json");
        }
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        for (int i = 0; i < headers.length; i += 2) {
            request.header(headers[i], headers[i + 1]);
        }
        try {
            HttpResponse<String> response = raw.send(request.build(), BodyHandlers.ofString());
            return new Answer(response.statusCode(), response.body(), response);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private Answer send(String method, String path, String body, String token, String... headers) {
        return send(method, path, body == null ? null : body.getBytes(StandardCharsets.UTF_8), token, headers);
    }

    private static byte[] gzip(String text) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (GZIPOutputStream out = new GZIPOutputStream(bytes)) {
            out.write(text.getBytes(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    @Test
    void shouldRefuseABodyThatIsNotCompressedAsItsContentEncodingSays_andChangeNothing() {
        Session seller = signup();
        String ticketId = replicatedTicket(seller, "Encoded", "10");
        long tickets = engine.tickets().counts().total();
        String plain = "{\"title\":\"Changed\",\"price\":5}";

        for (String coding : List.of("gzip", "deflate", "x-gzip")) {
            send("POST", "/api/tickets", plain, seller.token(), "Content-Encoding", coding).assertError(400);
            send("PUT", "/api/tickets/" + ticketId, plain, seller.token(), "Content-Encoding", coding)
                    .assertError(400);
            send("POST", "/api/users/signup", "{\"email\":\"z@z.co\",\"password\":\"secret\"}", null,
                    "Content-Encoding", coding).assertError(400);
        }
        for (String coding : List.of("br", "compress", "zstd", "made-up", "gzip, br")) {
            send("POST", "/api/tickets", plain, seller.token(), "Content-Encoding", coding).assertError(415);
        }

        assertThat(engine.tickets().counts().total()).isEqualTo(tickets);
        assertThat(engine.tickets().get(ticketId).title()).isEqualTo("Encoded");
        Answer compressed = send("POST", "/api/tickets", gzip(plain), seller.token(), "Content-Encoding", "gzip");
        assertThat(compressed.status()).as("a body that is gzip as it says is read").isEqualTo(201);
    }

    @Test
    void shouldRefuseANumberNoDecimalCanHoldOnItsOwnField() {
        Session seller = signup();
        long tickets = engine.tickets().counts().total();

        assertThat(send("POST", "/api/users/signup", "{\"email\":2e2147483648,\"password\":\"secret\"}", null)
                .assertError(400).firstField()).isEqualTo("email");
        assertThat(send("POST", "/api/users/signin", "{\"email\":\"a@b.co\",\"password\":-2e-2147483648}", null)
                .assertError(400).firstField()).isEqualTo("password");
        for (String price : List.of("2e2147483648", "-2e-2147483648", "1e-2147483649", "9e99999999999")) {
            Answer answer = send("POST", "/api/tickets", "{\"title\":\"x\",\"price\":" + price + "}",
                    seller.token()).assertError(400);
            assertThat(answer.firstField()).as(price).isEqualTo("price");
        }
        assertThat(send("POST", "/api/tickets", "{\"title\":2e2147483648,\"price\":1e400}", seller.token())
                .assertError(400).json().path("errors")).hasSize(2);
        assertThat(send("POST", "/api/orders", "{\"ticketId\":-2e-2147483648}", seller.token())
                .assertError(400).firstField()).isEqualTo("ticketId");
        assertThat(send("POST", "/api/payments", "{\"token\":1e9999999999,\"orderId\":\"x\"}", seller.token())
                .assertError(400).firstField()).isEqualTo("token");
        assertThat(engine.tickets().counts().total()).isEqualTo(tickets);
    }

    @Test
    void shouldServeAllowedOriginsWithCredentials_andRefuseOthersWithTheErrorBody() {
        for (String path : List.of("/health", "/api/tickets", "/api/users/currentuser")) {
            for (String origin : List.of("http://evil.example", "null", "", "http://localhost:3000.evil.example")) {
                Answer refused = send("GET", path, (String) null, null, "Origin", origin).assertError(403);
                assertThat(refused.json().path("errors").path(0).path("message").asText())
                        .contains("boxoffice.allowed-origins");
                assertThat(refused.header("Access-Control-Allow-Origin")).isNull();
            }
            assertThat(send("GET", path, (String) null, null).status()).as("no Origin").isEqualTo(200);
            assertThat(send("GET", path, (String) null, null, "Origin", server.getURL().toString().replaceAll("/$", ""))
                    .status()).as("same origin").isEqualTo(200);
        }
        long users = engine.tickets().counts().total();
        send("POST", "/api/tickets", "{\"title\":\"x\",\"price\":1}", signup().token(), "Origin", "http://evil.example")
                .assertError(403);
        assertThat(engine.tickets().counts().total()).isEqualTo(users);

        Answer allowed = send("GET", "/api/tickets", (String) null, null, "Origin", "https://tickets.example");
        assertThat(allowed.status()).isEqualTo(200);
        assertThat(allowed.header("Access-Control-Allow-Origin")).isEqualTo("https://tickets.example");
        assertThat(allowed.header("Access-Control-Allow-Credentials")).isEqualTo("true");
        Answer preflight = send("OPTIONS", "/api/tickets", (String) null, null, "Origin", "http://localhost:3000",
                "Access-Control-Request-Method", "POST", "Access-Control-Request-Headers", "content-type");
        assertThat(preflight.status()).isEqualTo(200);
        assertThat(preflight.header("Access-Control-Allow-Origin")).isEqualTo("http://localhost:3000");
        send("OPTIONS", "/api/tickets", (String) null, null, "Origin", "http://evil.example",
                "Access-Control-Request-Method", "POST").assertError(403);
    }

    @Test
    void shouldOpenTheEventStreamAtOnceAndSendHeartbeatsWhileQuiet() throws Exception {
        Session operator = operator();
        HttpRequest request = HttpRequest.newBuilder(URI.create(server.getURL() + "/api/admin/stream"))
                .header("Authorization", "Bearer " + operator.token()).header("Accept", "text/event-stream").build();

        HttpResponse<Stream<String>> response = raw.sendAsync(request, BodyHandlers.ofLines())
                .get(QUIET.toSeconds(), TimeUnit.SECONDS); // the headers, with nothing published
        try (Stream<String> lines = response.body()) {
            assertThat(response.statusCode()).isEqualTo(200);
            assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(
                    type -> assertThat(type).startsWith("text/event-stream"));
            List<String> firstLines = CompletableFuture.supplyAsync(() -> lines.filter(l -> !l.isEmpty()).limit(9)
                    .toList()).get(QUIET.toSeconds(), TimeUnit.SECONDS);
            assertThat(firstLines).containsExactly(
                    ": live", "event: heartbeat", "data: {}",
                    ": heartbeat", "event: heartbeat", "data: {}",
                    ": heartbeat", "event: heartbeat", "data: {}");
        }
    }
}
