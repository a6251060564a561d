package dev.boxoffice.simulator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.boxoffice.simulator.SimulationResult.Divergence;
import dev.boxoffice.simulator.SimulationResult.ReplicaRow;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Consumer;

/**
 * Drives a running Boxoffice server through its HTTP API: creates and edits tickets as an operator account, then
 * compares each ticket with the orders service's replica and reads the replica counters from the operator API.
 * The server always checks versions, so this shows the refusals live (and in the operator console). Given the nodes
 * of a cluster, it spreads the tickets and edits over them, and reads each node's own instances from that node.
 */
final class ServerSimulation {

    private static final ObjectMapper JSON = OperatorClient.JSON;
    private static final Duration SETTLE = Duration.ofSeconds(60);
    private static final int EDITORS = 8;

    private final List<String> bases;
    private final String email;
    private final String password;
    private final int tickets;
    private final int updates;
    private final long seed;
    /** One client per node, signed in to it. */
    private final List<OperatorClient> servers = new ArrayList<>();
    private OperatorClient server;

    ServerSimulation(List<String> bases, String email, String password, int tickets, int updates, long seed) {
        this.bases = bases.stream().map(b -> b.endsWith("/") ? b.substring(0, b.length() - 1) : b).toList();
        this.email = email;
        this.password = password;
        this.tickets = tickets;
        this.updates = updates;
        this.seed = seed;
    }

    SimulationResult run(Consumer<String> progress) {
        for (String base : bases) {
            servers.add(OperatorClient.signIn(base, email, password));
        }
        server = servers.get(0);
        Map<String, long[]> before = counters();

        Random random = new Random(seed);
        List<String> ids = new ArrayList<>();
        Map<String, Long> versions = new HashMap<>();
        for (int i = 0; i < tickets; i++) {
            JsonNode t = servers.get(i % servers.size()).send("POST", "/api/tickets", ticket("Simulated " + (i + 1),
                    random), 201);
            ids.add(t.path("id").asText());
            versions.put(t.path("id").asText(), 0L);
        }
        editConcurrently(ids, versions, random, progress);
        awaitReplicas(ids, versions, progress);

        int diverged = 0;
        Divergence example = null;
        for (String id : ids) {
            JsonNode owner = send("GET", "/api/tickets/" + id, null, 200);
            JsonNode replica = send("GET", "/api/admin/ticket-replicas/" + id, null, 200);
            BigDecimal ownerPrice = owner.path("price").decimalValue();
            boolean same = replica.path("price").decimalValue().compareTo(ownerPrice) == 0
                    && replica.path("version").asLong() == owner.path("version").asLong();
            if (!same) {
                diverged++;
                if (example == null) {
                    example = new Divergence(id, ownerPrice.toPlainString(), owner.path("version").asLong(),
                            replica.path("price").decimalValue().toPlainString(), replica.path("version").asLong());
                }
            }
        }
        Map<String, long[]> after = counters();
        List<ReplicaRow> rows = new ArrayList<>();
        after.forEach((id, now) -> {
            long[] then = before.getOrDefault(id, new long[5]);
            rows.add(new ReplicaRow(id, now[0] - then[0], now[1] - then[1], now[2] - then[2], now[3] - then[3],
                    now[4] - then[4]));
        });
        return new SimulationResult(Mode.VERSIONED, rows.size(), tickets, updates, seed, diverged == 0, diverged,
                example, rows, List.of(), null, (bases.size() == 1 ? "the server at " + bases.get(0)
                        : bases.size() + " nodes, " + String.join(", ", bases) + ", the edits spread over them")
                        + ", their replicas and transport as configured");
    }

    /** Edits from several threads at once, as many sellers would, so that events crowd the replicas. */
    private void editConcurrently(List<String> ids, Map<String, Long> versions, Random random,
                                  Consumer<String> progress) {
        List<JsonNode> edits = new ArrayList<>();
        List<Integer> targets = new ArrayList<>();
        for (int i = 0; i < updates; i++) {
            int n = random.nextInt(ids.size());
            targets.add(n);
            edits.add(ticket("Simulated " + (n + 1), random));
        }
        AtomicInteger done = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(EDITORS);
        try {
            List<Future<?>> futures = new ArrayList<>();
            for (int i = 0; i < updates; i++) {
                int k = i;
                futures.add(pool.submit(() -> {
                    String id = ids.get(targets.get(k));
                    long version = servers.get(k % servers.size()).send("PUT", "/api/tickets/" + id, edits.get(k), 200)
                            .path("version").asLong();
                    synchronized (versions) {
                        versions.merge(id, version, Math::max);
                    }
                    int n = done.incrementAndGet();
                    if (n % 10 == 0 || n == updates) {
                        progress.accept("edits " + n + "/" + updates);
                    }
                }));
            }
            for (Future<?> f : futures) {
                f.get();
            }
        } catch (ExecutionException e) {
            throw e.getCause() instanceof RuntimeException r ? r : new IllegalStateException(e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted", e);
        } finally {
            pool.shutdownNow();
        }
    }

    private void awaitReplicas(List<String> ids, Map<String, Long> versions, Consumer<String> progress) {
        long deadline = System.nanoTime() + SETTLE.toNanos();
        for (String id : ids) {
            while (send("GET", "/api/admin/ticket-replicas/" + id, null, -1).path("version").asLong(-1)
                    < versions.get(id)) {
                if (System.nanoTime() > deadline) {
                    return;
                }
                progress.accept("waiting for the order replicas to catch up");
                LockSupport.parkNanos(Duration.ofMillis(50).toNanos());
            }
        }
    }

    /**
     * delivered, applied, duplicates, out of order, redelivered per order replica: each node's own instances, as
     * that node counts them now (another node shows them as last reported).
     */
    private Map<String, long[]> counters() {
        Map<String, long[]> result = new java.util.TreeMap<>();
        for (OperatorClient node : servers) {
            JsonNode self = node.send("GET", "/api/admin/nodes", null, 200).path(0);
            for (JsonNode c : self.path("replicas")) {
                if (c.path("group").asText().equals("orders")) {
                    result.put(c.path("id").asText(), new long[] {c.path("delivered").asLong(),
                        c.path("applied").asLong(), c.path("duplicates").asLong(), c.path("outOfOrderRefused").asLong(),
                        c.path("redelivered").asLong()});
                }
            }
        }
        return result;
    }

    private static JsonNode ticket(String title, Random random) {
        return JSON.createObjectNode().put("title", title)
                .put("price", BigDecimal.valueOf(100 + random.nextInt(50_000), 2));
    }

    private JsonNode send(String method, String path, JsonNode body, int expected) {
        return server.send(method, path, body, expected);
    }
}
