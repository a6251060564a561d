package dev.boxoffice.simulator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/**
 * A Boxoffice server as an operator account sees it over HTTP: signs in once, then sends JSON requests with the
 * session's token. A server that cannot be reached or answers otherwise than expected is one
 * {@link IllegalStateException} whose message says what happened, for the command line's one-line error.
 */
final class OperatorClient {

    static final ObjectMapper JSON = new ObjectMapper();

    private final String base;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private String token;

    private OperatorClient(String base) {
        this.base = base.endsWith("/") ? base.substring(0, base.length() - 1) : base;
    }

    /** Signs in to the server at {@code base} with an operator account. */
    static OperatorClient signIn(String base, String email, String password) {
        OperatorClient client = new OperatorClient(base);
        JsonNode session = client.send("POST", "/api/users/signin",
                JSON.createObjectNode().put("email", email).put("password", password), 200);
        client.token = session.path("token").asText();
        return client;
    }

    String base() {
        return base;
    }

    /** Sends a request and reads the JSON answer; {@code expected} -1 accepts any status. */
    JsonNode send(String method, String path, JsonNode body, int expected) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(30))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body.toString()));
        if (body != null) {
            request.header("Content-Type", "application/json");
        }
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        try {
            HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
            if (expected != -1 && response.statusCode() != expected) {
                throw new IllegalStateException(method + " " + path + " answered " + response.statusCode() + ": "
                        + response.body());
            }
            return response.body().isEmpty() ? JSON.createObjectNode() : JSON.readTree(response.body());
        } catch (IOException e) {
            throw new IllegalStateException("Cannot reach " + base + " (" + (e.getMessage() != null ? e.getMessage()
                    : e instanceof java.net.ConnectException ? "connection refused: is the server running there?"
                    : e.getClass().getSimpleName()) + ")", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted", e);
        }
    }
}
