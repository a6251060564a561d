package dev.boxoffice.simulator.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.boxoffice.engine.BoxOffice;
import io.micronaut.context.ApplicationContext;
import io.micronaut.runtime.server.EmbeddedServer;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

/**
 * A real Boxoffice server started in this process on a random loopback port, with its own data directory and
 * the server's default configuration except the per-user order rate limit (a benchmark's buyers order far faster
 * than people do). Requests go over HTTP/1.1 keep-alive connections with the JDK's client.
 */
final class ServerUnderTest implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final EmbeddedServer server;
    private final HttpClient http;
    private final URI base;

    private ServerUnderTest(EmbeddedServer server) {
        this.server = server;
        this.http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(10)).build();
        this.base = URI.create("http://127.0.0.1:" + server.getPort());
    }

    static ServerUnderTest start(Path dataDir) {
        return start(dataDir, Map.of());
    }

    /** With more settings, e.g. those of a node of a cluster ({@code boxoffice.database.url}, ...). */
    static ServerUnderTest start(Path dataDir, Map<String, Object> settings) {
        Map<String, Object> all = new java.util.HashMap<>(Map.of(
                "micronaut.server.port", -1,
                "micronaut.server.host", "127.0.0.1",
                "boxoffice.data-dir", dataDir.toString(),
                "boxoffice.order-rate.capacity", 1_000_000_000,
                "boxoffice.order-rate.per-minute", 1_000_000_000));
        all.putAll(settings);
        EmbeddedServer server = ApplicationContext.run(EmbeddedServer.class, all);
        return new ServerUnderTest(server);
    }

    /** The engine the server hosts (to set up tickets and to measure the same placements in-process). */
    BoxOffice engine() {
        return server.getApplicationContext().getBean(BoxOffice.class);
    }

    /** Signs a new buyer up and returns the session token for {@code Authorization: Bearer}. */
    String signUp(String email) throws IOException, InterruptedException {
        HttpResponse<String> response = post("/api/users/signup", null,
                JSON.writeValueAsString(Map.of("email", email, "password", "bench-secret")));
        if (response.statusCode() != 201) {
            throw new IllegalStateException("Signup answered " + response.statusCode() + ": " + response.body());
        }
        return JSON.readTree(response.body()).path("token").asText();
    }

    /** POST /api/orders; anything but 201 Created fails the run. */
    void placeOrder(String token, String ticketId) throws IOException, InterruptedException {
        HttpResponse<String> response = post("/api/orders", token,
                "{\"ticketId\":" + JSON.writeValueAsString(ticketId) + "}");
        if (response.statusCode() != 201) {
            throw new IllegalStateException("POST /api/orders answered " + response.statusCode() + ": "
                    + response.body());
        }
    }

    private HttpResponse<String> post(String path, String token, String body)
            throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(base.resolve(path))
                .timeout(Duration.ofSeconds(60))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body));
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    @Override
    public void close() {
        server.getApplicationContext().close();
    }
}
