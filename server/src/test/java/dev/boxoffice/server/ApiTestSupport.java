package dev.boxoffice.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.boxoffice.engine.BoxOffice;
import dev.boxoffice.engine.support.MutableClock;
import dev.boxoffice.engine.support.TempDirs;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.MutableHttpRequest;
import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.annotation.Client;
import io.micronaut.http.client.exceptions.HttpClientResponseException;
import io.micronaut.test.support.TestPropertyProvider;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.TestInstance;

/**
 * The base of the HTTP tests: a real server on a random loopback port with its own temporary data directory,
 * a Micronaut HTTP client, and shorthands that return any status instead of throwing.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
public abstract class ApiTestSupport implements TestPropertyProvider {

    protected static final Duration QUIET = Duration.ofSeconds(20);
    protected static final String OPERATOR_EMAIL = "operator@test.local";
    protected static final String OPERATOR_PASSWORD = "operator-secret";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Path dataDir = TempDirs.create("boxoffice-server-test");

    @Inject
    @Client("/")
    protected HttpClient http;

    @Inject
    protected BoxOffice engine;

    @Inject
    protected MutableClock clock;

    @Override
    public Map<String, String> getProperties() {
        return Map.of("boxoffice.data-dir", dataDir.toString());
    }

    @AfterAll
    void deleteDataDir() {
        TempDirs.delete(dataDir);
    }

    protected Path dataDir() {
        return dataDir;
    }

    /** A response, whatever its status. */
    public record Reply(int status, String body, HttpHeaders headers) {
        public JsonNode json() {
            try {
                return JSON.readTree(body);
            } catch (IOException e) {
                throw new UncheckedIOException("Not JSON: " + body, e);
            }
        }

        public String text(String field) {
            return json().path(field).asText();
        }

        /** Asserts the status and that the body is the contract's error format with a message for people. */
        public Reply assertError(int expected) {
            assertThat(status).as("status of %s", body).isEqualTo(expected);
            JsonNode errors = json().path("errors");
            assertThat(errors.isArray() && errors.size() > 0).as("error body %s", body).isTrue();
            String message = errors.get(0).path("message").asText();
            assertThat(message).isNotBlank().doesNotContain("Exception").doesNotContain("\tat ");
            return this;
        }

        public String firstErrorField() {
            return json().path("errors").get(0).path("field").asText(null);
        }

        public String firstErrorMessage() {
            return json().path("errors").get(0).path("message").asText();
        }
    }

    /** A signed-up user. */
    public record Session(String id, String email, String token) {
    }

    protected Reply call(MutableHttpRequest<?> request) {
        try {
            HttpResponse<String> response = http.toBlocking().exchange(request, String.class);
            return new Reply(response.code(), response.getBody().orElse(""), response.getHeaders());
        } catch (HttpClientResponseException e) {
            return new Reply(e.getStatus().getCode(), e.getResponse().getBody(String.class).orElse(""),
                    e.getResponse().getHeaders());
        }
    }

    protected Reply post(String path, String json, Session session) {
        return call(withAuth(HttpRequest.POST(path, json).contentType(MediaType.APPLICATION_JSON_TYPE), session));
    }

    protected Reply put(String path, String json, Session session) {
        return call(withAuth(HttpRequest.PUT(path, json).contentType(MediaType.APPLICATION_JSON_TYPE), session));
    }

    protected Reply get(String path, Session session) {
        return call(withAuth(HttpRequest.GET(path), session));
    }

    protected Reply delete(String path, Session session) {
        return call(withAuth(HttpRequest.DELETE(path), session));
    }

    private static MutableHttpRequest<?> withAuth(MutableHttpRequest<?> request, Session session) {
        return session == null ? request : request.bearerAuth(session.token());
    }

    protected Session signup() {
        return signup("user-" + UUID.randomUUID() + "@example.com", "password1");
    }

    protected Session signup(String email, String password) {
        Reply reply = post("/api/users/signup", "{\"email\":\"" + email + "\",\"password\":\"" + password + "\"}",
                null);
        assertThat(reply.status()).as(reply.body()).isEqualTo(201);
        return new Session(reply.text("id"), reply.text("email"), reply.text("token"));
    }

    protected Session operator() {
        Reply reply = post("/api/users/signin",
                "{\"email\":\"" + OPERATOR_EMAIL + "\",\"password\":\"" + OPERATOR_PASSWORD + "\"}", null);
        assertThat(reply.status()).as(reply.body()).isEqualTo(200);
        return new Session(reply.text("id"), reply.text("email"), reply.text("token"));
    }

    /** Puts a ticket on sale and waits until the orders service knows it. */
    protected String replicatedTicket(Session seller, String title, String price) {
        Reply created = post("/api/tickets", "{\"title\":\"" + title + "\",\"price\":" + price + "}", seller);
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        engine.awaitQuiescence(QUIET);
        return created.text("id");
    }

    protected Reply order(Session buyer, String ticketId) {
        return post("/api/orders", "{\"ticketId\":\"" + ticketId + "\"}", buyer);
    }

    protected String placedOrder(Session buyer, String ticketId) {
        Reply reply = order(buyer, ticketId);
        assertThat(reply.status()).as(reply.body()).isEqualTo(201);
        engine.awaitQuiescence(QUIET);
        return reply.text("id");
    }
}
