package dev.boxoffice.console;

import static dev.boxoffice.engine.support.EngineFixture.QUIET;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.boxoffice.engine.support.Await;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

/** Buyers other than the operator, as a browser would be: they sign up and order over the public API. */
public final class Buyers {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private Buyers() {
    }

    /** Signs a new buyer up on the server at {@code url} and orders the ticket (once it reached the orders service). */
    public static String order(String url, String email, String ticketId) throws IOException, InterruptedException {
        HttpResponse<String> signup = HTTP.send(post(url + "/api/users/signup", null,
                "{\"email\":\"" + email + "\",\"password\":\"secret1\"}"), HttpResponse.BodyHandlers.ofString());
        String token = JSON.readTree(signup.body()).path("token").asText();
        String[] order = new String[1];
        Await.until("the order of " + email + " placed", QUIET, () -> {
            try {
                HttpResponse<String> placed = HTTP.send(post(url + "/api/orders", token,
                        "{\"ticketId\":\"" + ticketId + "\"}"), HttpResponse.BodyHandlers.ofString());
                order[0] = JSON.readTree(placed.body()).path("id").asText();
                return placed.statusCode() == 201;
            } catch (IOException | InterruptedException e) {
                throw new IllegalStateException(e);
            }
        });
        return order[0];
    }

    private static HttpRequest post(String url, String token, String body) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body));
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return request.build();
    }
}
