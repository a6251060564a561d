package dev.boxoffice.engine.cluster;

import static dev.boxoffice.engine.support.EngineFixture.usd;
import static org.assertj.core.api.Assertions.assertThat;

import dev.boxoffice.engine.BoxOffice;
import dev.boxoffice.engine.nats.JetStreamTransport;
import dev.boxoffice.engine.order.Order;
import dev.boxoffice.engine.order.OrderStatus;
import dev.boxoffice.engine.store.Storage;
import dev.boxoffice.engine.support.Await;
import dev.boxoffice.engine.support.NatsServer;
import dev.boxoffice.engine.support.Postgres;
import dev.boxoffice.engine.support.TempDirs;
import dev.boxoffice.engine.ticket.Ticket;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A node holding every duty (the outbox relays, the expiry timers, payment settlement) is killed with kill -9 while
 * orders are due and a seller edits: the other node takes the duties over within the lease's bound
 * ({@code ttl + ttl / 5}, plus scheduling), each due order is cancelled exactly once, and no edit is lost.
 */
class DutyTakeoverTest {

    @RegisterExtension
    static final NatsServer.PerClass BROKER = new NatsServer.PerClass();

    private static final long TTL_MS = 1_000;
    private static final Duration WINDOW = Duration.ofSeconds(6);
    private static final Duration WAIT = Duration.ofSeconds(60);

    private final String url = Postgres.newDatabase();
    private final String stream = url.substring(url.lastIndexOf('/') + 1).replaceAll("\\W.*", "");
    private final Path dirA = TempDirs.create("node-a");
    private final Path dirB = TempDirs.create("node-b");
    private Process child;

    @AfterEach
    void stop() throws InterruptedException {
        if (child != null && child.isAlive()) {
            child.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
        TempDirs.delete(dirA);
        TempDirs.delete(dirB);
    }

    @Test
    void shouldTakeEveryDutyOver_andCancelEachDueOrderOnce_whenTheNodeHoldingThemIsKilled() throws Exception {
        child = new ProcessBuilder(ProcessHandle.current().info().command().orElse("java"),
                "-cp", System.getProperty("java.class.path"), ClusterNode.class.getName(), dirA.toString(),
                "node-a", url, BROKER.url(), stream, Long.toString(TTL_MS), Long.toString(WINDOW.toMillis()))
                .redirectErrorStream(true).start();
        BufferedReader out = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8));
        CompletableFuture<String> ready = CompletableFuture.supplyAsync(() -> readUntil(out, "holding 6 duties"));
        assertThat(ready.get(60, TimeUnit.SECONDS)).as("the child node's output").contains("holding 6 duties");

        try (BoxOffice b = BoxOffice.builder().dataDirectory(dirB).nodeId("node-b")
                .storage(Storage.postgres(url, "postgres", "postgres"))
                .transport(JetStreamTransport.connect(JetStreamTransport.Settings.of(BROKER.url())
                        .withStream(stream.toUpperCase(Locale.ROOT), stream)))
                .leaseTimeToLive(Duration.ofMillis(TTL_MS)).expiryWindow(WINDOW).build()) {
            // node b sees node a, holding every duty; it holds none
            List<NodeStatus> nodes = b.nodes().list();
            assertThat(nodes).extracting(NodeStatus::nodeId).containsExactly("node-b", "node-a");
            assertThat(nodes.get(0).duties()).isEmpty();
            assertThat(nodes.get(1).duties()).hasSize(6);
            Await.until("node a's instances in b's view", WAIT, () -> b.replicas().stream()
                    .anyMatch(r -> r.id().equals("orders@node-a#1")));

            List<Order> orders = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                Ticket ticket = b.tickets().create("Seat " + i, usd("20"), "seller");
                Await.until("the ticket in the orders service", WAIT,
                        () -> b.orders().ticketReplica(ticket.id()).isPresent());
                orders.add(b.orders().place(ticket.id(), "buyer-" + i));
            }
            Await.until("every order's timer", WAIT, () -> b.expirations().pending().size() == orders.size());
            Ticket edited = b.tickets().create("Edited", usd("10"), "seller");

            // the seller edits on b across the kill; every event goes through a's relays until a dies
            CompletableFuture<Void> edits = CompletableFuture.runAsync(() -> {
                for (int i = 1; i <= 200; i++) {
                    b.tickets().update(edited.id(), "Edit " + i, usd("10"), "seller");
                }
            });
            child.destroyForcibly();
            assertThat(child.waitFor(10, TimeUnit.SECONDS)).isTrue();
            edits.get(60, TimeUnit.SECONDS);

            Await.until("every due order cancelled", WAIT, () -> orders.stream()
                    .allMatch(o -> b.orders().find(o.id()).orElseThrow().status() == OrderStatus.CANCELLED));
            Await.until("the replica at the owner's version", WAIT, () -> b.orders().ticketReplica(edited.id())
                    .map(r -> r.version() == 200).orElse(false));

            assertThat(b.nodes().list().get(0).duties()).hasSize(6);
            Map<String, Long> fired = counts("SELECT aggregate_id, count(*) FROM expiration.outbox "
                    + "WHERE subject = 'expiration:complete' GROUP BY aggregate_id");
            assertThat(fired).hasSize(orders.size()).allSatisfy((order, times) -> assertThat(times).isEqualTo(1));
            // the tickets service hears of each cancellation after the orders service made it
            Await.until("every cancelled order's ticket free again", WAIT, () -> orders.stream()
                    .allMatch(o -> b.tickets().get(o.ticket().id()).orderId() == null));
            // taken over within the bound: from node a's last report (made with its last renewal) to b's takeover
            long lastSeenOfA = one("SELECT last_seen_ms FROM cluster.nodes WHERE node_id = 'node-a'");
            Map<String, Long> acquired = counts("SELECT name, acquired_at_ms FROM cluster.leases");
            assertThat(acquired).hasSize(6).allSatisfy((duty, at) -> assertThat(at - lastSeenOfA)
                    .as("%s taken %d ms after node a's last report", duty, at - lastSeenOfA)
                    .isBetween(0L, TTL_MS + 2 * TTL_MS / 5 + 1_000));
        }
    }

    private static String readUntil(BufferedReader out, String line) {
        StringBuilder seen = new StringBuilder();
        try {
            for (String l = out.readLine(); l != null; l = out.readLine()) {
                seen.append(l).append('\n');
                if (l.contains(line)) {
                    return seen.toString();
                }
            }
        } catch (java.io.IOException e) {
            seen.append(e);
        }
        return seen.toString();
    }

    private Map<String, Long> counts(String sql) throws Exception {
        Map<String, Long> result = new HashMap<>();
        try (Connection c = DriverManager.getConnection(url, "postgres", "postgres");
             Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            while (rs.next()) {
                result.put(rs.getString(1), rs.getLong(2));
            }
        }
        return result;
    }

    private long one(String sql) throws Exception {
        try (Connection c = DriverManager.getConnection(url, "postgres", "postgres");
             Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }
}
