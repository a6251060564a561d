package dev.boxoffice.console.client;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import dev.boxoffice.console.client.Rows.DeadLetter;
import dev.boxoffice.console.client.Rows.Event;
import dev.boxoffice.console.client.Rows.Order;
import dev.boxoffice.console.client.Rows.Payment;
import dev.boxoffice.console.client.Rows.Node;
import dev.boxoffice.console.client.Rows.Replica;
import dev.boxoffice.console.client.Rows.RetryOutcome;
import dev.boxoffice.console.client.Rows.Ticket;
import dev.boxoffice.console.client.Rows.TicketReplica;
import dev.boxoffice.console.client.Rows.Timer;
import io.micronaut.core.type.Argument;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.MediaType;
import io.micronaut.http.MutableHttpRequest;
import io.micronaut.http.client.BlockingHttpClient;
import io.micronaut.http.client.DefaultHttpClientConfiguration;
import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.exceptions.HttpClientException;
import io.micronaut.http.client.exceptions.HttpClientResponseException;
import io.micronaut.http.client.sse.SseClient;
import java.math.BigDecimal;
import java.net.MalformedURLException;
import java.net.URI;
import java.net.URL;
import java.util.List;

import java.util.function.Consumer;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;

/**
 * The console's only way to the server: its HTTP API, with the operator's token. Every failure becomes a
 * {@link ConsoleException} with a message for people. Blocking: call it off the JavaFX thread.
 */
public final class ConsoleClient implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper().registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .configure(com.fasterxml.jackson.databind.DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false)
            .enable(com.fasterxml.jackson.databind.DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS);

    /** A quiet event stream is not a dead one: the stream may stay idle this long before the console reconnects. */
    private static final java.time.Duration STREAM_IDLE = java.time.Duration.ofHours(1);

    private final String url;
    private final HttpClient http;
    private final BlockingHttpClient blocking;
    private final SseClient sse;
    private final String token;
    private final String email;
    private final String userId;

    private ConsoleClient(String url, HttpClient http, SseClient sse, String token, String email, String userId) {
        this.url = url;
        this.http = http;
        this.blocking = http.toBlocking();
        this.sse = sse;
        this.token = token;
        this.email = email;
        this.userId = userId;
    }

    /**
     * Signs in as an operator.
     *
     * @throws ConsoleException with a readable message when the URL is malformed, the server cannot be reached,
     *                          the credentials are wrong, or the account is not an operator
     */
    public static ConsoleClient signIn(String serverUrl, String email, String password) {
        URL url = parse(serverUrl);
        HttpClient http = HttpClient.create(url);
        try {
            JsonNode signedIn = send(http.toBlocking(), HttpRequest.POST("/api/users/signin",
                    JSON.createObjectNode().put("email", email == null ? "" : email)
                            .put("password", password == null ? "" : password).toString())
                    .contentType(MediaType.APPLICATION_JSON_TYPE), serverUrl);
            String token = signedIn.path("token").asText();
            JsonNode current = send(http.toBlocking(), HttpRequest.GET("/api/users/currentuser").bearerAuth(token),
                    serverUrl);
            boolean operator = false;
            for (JsonNode role : current.path("currentUser").path("roles")) {
                operator |= role.asText().equals("operator");
            }
            if (!operator) {
                throw new ConsoleException(403, "This account is not an operator; sign in with the operator account",
                        "email");
            }
            DefaultHttpClientConfiguration streaming = new DefaultHttpClientConfiguration();
            streaming.setReadIdleTimeout(STREAM_IDLE);
            streaming.setReadTimeout(STREAM_IDLE);
            return new ConsoleClient(serverUrl, http, SseClient.create(url, streaming), token,
                    signedIn.path("email").asText(), signedIn.path("id").asText());
        } catch (RuntimeException e) {
            http.close();
            throw e;
        }
    }

    public String url() {
        return url;
    }

    public String email() {
        return email;
    }

    /** The signed-in operator's own user id: orders it placed are the ones it may pay for or cancel. */
    public String userId() {
        return userId;
    }

    /** Every ticket, oldest first (the operator API's pages, up to {@link #MAX_ORDERS}), with sellers' emails. */
    public List<Ticket> tickets() {
        return pages("/api/admin/tickets", Ticket.class, Ticket::id);
    }

    public Ticket createTicket(String title, BigDecimal price) {
        return one(json(HttpRequest.POST("/api/tickets", ticketBody(title, price))), Ticket.class);
    }

    public Ticket updateTicket(String id, String title, BigDecimal price) {
        return one(json(HttpRequest.PUT("/api/tickets/" + id, ticketBody(title, price))), Ticket.class);
    }

    public Order placeOrder(String ticketId) {
        return one(json(HttpRequest.POST("/api/orders", JSON.createObjectNode().put("ticketId", ticketId).toString())),
                Order.class);
    }

    /** The most orders {@link #everyonesOrders} (or tickets {@link #tickets}) reads. */
    public static final int MAX_ORDERS = 10_000;

    /** Everyone's orders, oldest first (the operator API's pages, up to {@link #MAX_ORDERS}), with buyers' emails. */
    public List<Order> everyonesOrders() {
        return pages("/api/admin/orders", Order.class, Order::id);
    }

    /** Every item of an operator API list, 1,000 at a time (each page after the last id), up to {@link #MAX_ORDERS}. */
    private <T> List<T> pages(String path, Class<T> type, java.util.function.Function<T, String> id) {
        List<T> all = new java.util.ArrayList<>();
        String after = "";
        while (all.size() < MAX_ORDERS) {
            List<T> page = list(HttpRequest.GET(path + "?limit=1000" + after), type);
            all.addAll(page);
            if (page.size() < 1000) {
                break;
            }
            after = "&after=" + id.apply(page.get(page.size() - 1));
        }
        return all;
    }

    public void cancelOrder(String orderId) {
        call(HttpRequest.DELETE("/api/orders/" + orderId));
    }

    public Payment pay(String orderId, String cardToken) {
        return one(json(HttpRequest.POST("/api/payments", JSON.createObjectNode().put("orderId", orderId)
                .put("token", cardToken).toString())), Payment.class);
    }

    public List<Replica> replicas() {
        return list(HttpRequest.GET("/api/admin/replicas"), Replica.class);
    }

    /** Every node sharing the server's stores, the server itself first, with its instances' counters. */
    public List<Node> nodes() {
        return list(HttpRequest.GET("/api/admin/nodes"), Node.class);
    }

    public TicketReplica ticketReplica(String ticketId) {
        return one(HttpRequest.GET("/api/admin/ticket-replicas/" + ticketId), TicketReplica.class);
    }

    public List<Event> events(int limit) {
        return list(HttpRequest.GET("/api/admin/events?limit=" + limit), Event.class);
    }

    /** The oldest {@code limit} dead letters (1 to 1,000). */
    public List<DeadLetter> deadLetters(int limit) {
        return list(HttpRequest.GET("/api/admin/dead-letters?limit=" + limit), DeadLetter.class);
    }

    public RetryOutcome retry(String deadLetterId) {
        return one(json(HttpRequest.POST("/api/admin/dead-letters/" + deadLetterId + "/retry", "{}")),
                RetryOutcome.class);
    }

    public Rows.Stats stats() {
        return one(HttpRequest.GET("/api/admin/stats"), Rows.Stats.class);
    }

    /** The soonest {@code limit} pending timers (1 to 1,000), the overdue ones first. */
    public List<Timer> expirations(int limit) {
        return list(HttpRequest.GET("/api/admin/expirations?limit=" + limit), Timer.class);
    }

    /**
     * Follows the live event stream; {@code onOpen} (once the server's first frame, a heartbeat, arrives),
     * {@code onEvent} and {@code onEnd} run on a client thread. The stream ends (with the error, or null) when the
     * server goes away; dispose the result to stop following.
     */
    public Disposable follow(Runnable onOpen, Consumer<Event> onEvent, Consumer<Throwable> onEnd) {
        java.util.concurrent.atomic.AtomicBoolean opened = new java.util.concurrent.atomic.AtomicBoolean();
        return Flux.from(sse.eventStream(HttpRequest.GET("/api/admin/stream").bearerAuth(token), JsonNode.class))
                .doOnNext(e -> {
                    if (opened.compareAndSet(false, true)) {
                        onOpen.run();
                    }
                })
                .filter(e -> !"heartbeat".equals(e.getName())) // the server's keep-alive, not an event
                .map(e -> convert(e.getData(), Event.class))
                .subscribe(onEvent, onEnd::accept, () -> onEnd.accept(null));
    }

    private static String ticketBody(String title, BigDecimal price) {
        return JSON.createObjectNode().put("title", title).put("price", price).toString();
    }

    private static MutableHttpRequest<String> json(MutableHttpRequest<String> request) {
        return request.contentType(MediaType.APPLICATION_JSON_TYPE);
    }

    private <T> List<T> list(MutableHttpRequest<?> request, Class<T> type) {
        JsonNode array = call(request);
        return JSON.convertValue(array, JSON.getTypeFactory().constructCollectionType(List.class, type));
    }

    private <T> T one(MutableHttpRequest<?> request, Class<T> type) {
        return convert(call(request), type);
    }

    private static <T> T convert(JsonNode node, Class<T> type) {
        return JSON.convertValue(node, type);
    }

    private JsonNode call(MutableHttpRequest<?> request) {
        return send(blocking, request.bearerAuth(token), url);
    }

    private static JsonNode send(BlockingHttpClient client, MutableHttpRequest<?> request, String url) {
        try {
            String body = client.exchange(request, Argument.of(String.class)).getBody().orElse("");
            return body.isEmpty() ? JSON.createObjectNode() : JSON.readTree(body);
        } catch (HttpClientResponseException e) {
            throw fromResponse(e);
        } catch (HttpClientException e) {
            throw new ConsoleException(0, "Cannot reach the server at " + url + " — is it running?", null);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new ConsoleException(0, "The server at " + url + " answered something that is not JSON", null);
        }
    }

    private static ConsoleException fromResponse(HttpClientResponseException e) {
        String message = e.getStatus().getReason();
        String field = null;
        try {
            JsonNode error = JSON.readTree(e.getResponse().getBody(String.class).orElse("{}")).path("errors").path(0);
            if (error.has("message")) {
                message = error.path("message").asText();
                field = error.hasNonNull("field") ? error.path("field").asText() : null;
            }
        } catch (com.fasterxml.jackson.core.JsonProcessingException ignored) {
            // keep the status reason
        }
        return new ConsoleException(e.getStatus().getCode(), message, field);
    }

    private static URL parse(String serverUrl) {
        try {
            URI uri = URI.create(serverUrl == null ? "" : serverUrl.strip());
            if (!"http".equals(uri.getScheme()) && !"https".equals(uri.getScheme()) || uri.getHost() == null) {
                throw new IllegalArgumentException("not http(s)");
            }
            return uri.toURL();
        } catch (IllegalArgumentException | MalformedURLException e) {
            throw new ConsoleException(0, "The server URL must look like http://127.0.0.1:8080", "url");
        }
    }

    @Override
    public void close() {
        if (sse instanceof AutoCloseable closeable) {
            try {
                closeable.close();
            } catch (Exception ignored) {
                // closing a client's connections cannot fail in a way worth reporting
            }
        }
        http.close();
    }
}
