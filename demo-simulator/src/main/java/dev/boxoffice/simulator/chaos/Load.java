package dev.boxoffice.simulator.chaos;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.boxoffice.simulator.chaos.History.Kind;
import dev.boxoffice.simulator.chaos.History.Op;
import java.io.IOException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.LockSupport;

/**
 * The load of a chaos run, over HTTP to any node: buyers racing for a hot set of tickets (the newest ones), then
 * paying (with an idempotency key, repeated after an unknown outcome), cancelling or letting the order expire;
 * sellers editing their tickets and putting new ones on sale, so that sold tickets make way for new ones. Every
 * request goes into the {@link History}.
 */
final class Load {

    static final ObjectMapper JSON = new ObjectMapper();
    /** How often a request whose outcome is unknown is repeated with the same idempotency key. */
    private static final int REPEATS = 5;

    private final List<String> nodes;
    private final History history;
    private final long startNanos;
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(2)).build();
    private final List<String> tickets = new CopyOnWriteArrayList<>();
    private final AtomicBoolean running = new AtomicBoolean(true);
    private final List<Thread> threads = new ArrayList<>();
    private final int hot;

    /** A signed-in user: its id and session token. */
    record User(String id, String token) {
    }

    /** An answer: the status (0 without one) and the JSON body (empty without one). */
    record Answer(int status, JsonNode body, String node, long sentNanos) {
    }

    /** @param hot how many of the newest tickets the buyers race for */
    Load(List<String> nodes, History history, long startNanos, int hot) {
        this.nodes = nodes;
        this.history = history;
        this.startNanos = startNanos;
        this.hot = hot;
    }

    /** Signs a new user up (through the first node that answers). */
    User signUp(String email) {
        for (int attempt = 0; attempt < 50; attempt++) {
            Answer a = send("POST", nodes.get(attempt % nodes.size()), "/api/users/signup", null, null,
                    JSON.createObjectNode().put("email", email).put("password", "chaos-secret"));
            if (a.status() == 201) {
                return new User(a.body().path("id").asText(), a.body().path("token").asText());
            }
            pause();
        }
        throw new IllegalStateException("Could not sign " + email + " up");
    }

    /** Puts a ticket on sale through {@code node}: its id when acknowledged, else null. */
    String createTicket(User seller, String node, Random random) {
        String title = newTitle();
        String price = price(random);
        Answer a = send("POST", node, "/api/tickets", seller, null,
                JSON.createObjectNode().put("title", title).put("price", price));
        String id = a.status() == 201 ? a.body().path("id").asText() : null;
        record(Kind.CREATE_TICKET, a, fields("ticketId", id, "userId", seller.id(), "title", title, "price", price));
        if (id != null) {
            tickets.add(id);
        }
        return id;
    }

    void startSeller(User seller, List<String> own, Random random) {
        start("chaos-seller", () -> {
            while (running.get()) {
                if (own.isEmpty() || random.nextInt(3) == 0) {
                    String created = createTicket(seller, node(random), random);
                    if (created != null) {
                        own.add(created);
                    }
                    continue;
                }
                String ticket = own.get(random.nextInt(own.size()));
                String title = newTitle();
                String price = price(random);
                String node = node(random);
                Answer a = send("PUT", node, "/api/tickets/" + ticket, seller, null,
                        JSON.createObjectNode().put("title", title).put("price", price));
                record(Kind.EDIT_TICKET, a, fields("ticketId", ticket, "userId", seller.id(), "title", title,
                        "price", price));
                backOffAfter(a);
                think(random);
            }
        });
    }

    void startBuyer(User buyer, Random random) {
        start("chaos-buyer", () -> {
            while (running.get()) {
                if (tickets.isEmpty()) {
                    pause();
                    continue;
                }
                List<String> all = tickets;
                int window = Math.min(hot, all.size());
                String ticket = all.get(all.size() - 1 - random.nextInt(window));
                String key = UUID.randomUUID().toString();
                Answer placed = repeated(Kind.PLACE_ORDER, "POST", "/api/orders", buyer, key,
                        JSON.createObjectNode().put("ticketId", ticket), random, "ticketId", ticket);
                if (placed.status() != 201) {
                    backOffAfter(placed);
                    think(random);
                    continue;
                }
                String order = placed.body().path("id").asText();
                int choice = random.nextInt(10);
                if (choice < 6) {
                    String token = random.nextInt(10) == 0 ? "tok_chargeDeclined" : "tok_visa";
                    repeated(Kind.PAY, "POST", "/api/payments", buyer, UUID.randomUUID().toString(),
                            JSON.createObjectNode().put("token", token).put("orderId", order), random,
                            "orderId", order);
                } else if (choice < 8) {
                    Answer a = send("DELETE", node(random), "/api/orders/" + order, buyer, null, null);
                    record(Kind.CANCEL_ORDER, a, fields("orderId", order, "userId", buyer.id()));
                }
                // otherwise the order is left to expire
                think(random);
            }
        });
    }

    /**
     * Sends a request with an idempotency key, and again with the same key (to any node) while its outcome is not
     * known: the answer to the last one counts. Each attempt is in the history.
     */
    private Answer repeated(Kind kind, String method, String path, User user, String key, JsonNode body,
                            Random random, String field, String value) {
        Answer a = null;
        for (int attempt = 0; attempt < REPEATS && running.get(); attempt++) {
            a = send(method, node(random), path, user, key, body);
            Map<String, String> f = fields(field, value, "userId", user.id(), "key", key);
            if (a.status() == 201) {
                if (kind == Kind.PLACE_ORDER) {
                    f.put("orderId", a.body().path("id").asText());
                } else {
                    f.put("paymentId", a.body().path("id").asText());
                    f.put("orderId", a.body().path("orderId").asText());
                }
            }
            record(kind, a, f);
            if (a.status() > 0 && a.status() < 500) {
                return a;
            }
            pause();
        }
        return a == null ? new Answer(History.NO_ANSWER, JSON.createObjectNode(), "", System.nanoTime()) : a;
    }

    private void start(String name, Runnable loop) {
        Thread t = new Thread(loop, name + "-" + threads.size());
        t.setDaemon(true);
        threads.add(t);
        t.start();
    }

    /** Stops every worker and waits until each has finished its request. */
    void stop() throws InterruptedException {
        running.set(false);
        for (Thread t : threads) {
            t.join(Duration.ofSeconds(30).toMillis());
        }
    }

    List<String> tickets() {
        return List.copyOf(tickets);
    }

    private String node(Random random) {
        return nodes.get(random.nextInt(nodes.size()));
    }

    /** A page of a list and its {@code Link} header (null on the last page). */
    record Page(JsonNode items, String link) {
    }

    /** GET of a paged list; anything but 200 fails the run. */
    Page page(String node, String path, User user) {
        HttpRequest request = HttpRequest.newBuilder(URI.create(node + path)).timeout(Duration.ofSeconds(30))
                .header("Authorization", "Bearer " + user.token()).GET().build();
        try {
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                throw new IllegalStateException("GET " + path + " answered " + response.statusCode());
            }
            return new Page(JSON.readTree(response.body()), response.headers().firstValue("Link").orElse(null));
        } catch (IOException e) {
            throw new IllegalStateException("GET " + path + " failed: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    Answer send(String method, String node, String path, User user, String key, JsonNode body) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(node + path)).timeout(Duration.ofSeconds(15))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body.toString()));
        if (body != null) {
            request.header("Content-Type", "application/json");
        }
        if (user != null) {
            request.header("Authorization", "Bearer " + user.token());
        }
        if (key != null) {
            request.header("Idempotency-Key", key);
        }
        long start = System.nanoTime();
        int status;
        JsonNode json = JSON.createObjectNode();
        try {
            HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
            status = response.statusCode();
            if (!response.body().isEmpty()) {
                try {
                    json = JSON.readTree(response.body());
                } catch (IOException e) {
                    json = JSON.createObjectNode().put("raw", response.body());
                }
            }
        } catch (java.net.ConnectException e) {
            status = History.REFUSED;
        } catch (IOException e) {
            status = History.NO_ANSWER;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            status = History.NO_ANSWER;
        }
        return new Answer(status, json, node, start);
    }

    private void record(Kind kind, Answer a, Map<String, String> fields) {
        long now = System.nanoTime();
        history.record(new Op(kind, a.node(), millis(a.sentNanos()), millis(now), a.status(), fields));
    }

    private long millis(long nanos) {
        return (nanos - startNanos) / 1_000_000;
    }

    private static Map<String, String> fields(String... pairs) {
        Map<String, String> map = new LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            if (pairs[i + 1] != null) {
                map.put(pairs[i], pairs[i + 1]);
            }
        }
        return map;
    }

    /** A show's title, new each time: an edit always changes something. */
    private static String newTitle() {
        return "Show " + UUID.randomUUID().toString().substring(0, 8);
    }

    private static String price(Random random) {
        return BigDecimal.valueOf(500 + random.nextInt(9_500), 2).setScale(2, RoundingMode.UNNECESSARY).toPlainString();
    }

    /** After no answer or a 5xx, waits a little before the next request rather than spin on a dead node. */
    private static void backOffAfter(Answer a) {
        if (a.status() <= 0 || a.status() >= 500) {
            pause();
        }
    }

    /**
     * A person's pause between two actions, 10 to 50 ms: the load stays a crowd rather than a loop that takes every
     * core, so that a restarted node gets the CPU it needs to start.
     */
    private static void think(Random random) {
        LockSupport.parkNanos(10_000_000L + random.nextInt(40_000_000));
    }

    private static void pause() {
        LockSupport.parkNanos(100_000_000L);
    }
}
