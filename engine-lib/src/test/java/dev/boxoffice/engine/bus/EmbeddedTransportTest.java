package dev.boxoffice.engine.bus;

import static org.assertj.core.api.Assertions.assertThat;

import dev.boxoffice.engine.event.EventEnvelope;
import dev.boxoffice.engine.internal.messaging.EmbeddedTransport;
import dev.boxoffice.engine.internal.storage.Durability;
import dev.boxoffice.engine.support.ManualTicker;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What the embedded log does beyond the transport contract ({@link TransportContract}, run on it by
 * {@link EmbeddedTransportContractTest}): entity affinity, exact timing on a manual ticker, restart bookkeeping.
 */
class EmbeddedTransportTest {

    private static final Duration ACK_WAIT = Duration.ofSeconds(30);
    private static final Duration NO_WAIT = Duration.ZERO;

    @TempDir
    Path dir;
    ManualTicker ticker = new ManualTicker();

    private EmbeddedTransport open() {
        return EmbeddedTransport.open(dir, Durability.NORMAL, ticker, ACK_WAIT);
    }

    private static EventEnvelope event(String subject, String aggregate, long version) {
        return new EventEnvelope(UUID.randomUUID().toString(), subject, aggregate, version,
                Instant.parse("2026-01-01T00:00:00Z"), "corr", "{}");
    }

    private static List<String> ids(List<Delivery> deliveries) {
        return deliveries.stream().map(d -> d.event().eventId()).toList();
    }

    @Test
    void shouldLeaveAnEntitysNextEventsToTheInstanceHoldingItsEarlierOnes() {
        try (EmbeddedTransport transport = open()) {
            Subscription a = transport.subscribe("orders", Set.of("ticket:created", "ticket:updated"));
            Subscription b = transport.subscribe("orders", Set.of("ticket:created", "ticket:updated"));
            EventEnvelope created = event("ticket:created", "t1", 0);
            EventEnvelope updated = event("ticket:updated", "t1", 1);
            EventEnvelope other = event("ticket:updated", "t2", 1);
            transport.publish(List.of(created, updated, other));

            List<Delivery> held = a.fetch(1, NO_WAIT);
            assertThat(ids(held)).containsExactly(created.eventId());
            assertThat(ids(b.fetch(10, NO_WAIT))).as("t1 is a's while a holds its creation")
                    .containsExactly(other.eventId());

            held.get(0).ack();
            assertThat(ids(b.fetch(10, NO_WAIT))).as("t1 is free again").containsExactly(updated.eventId());
        }
    }

    @Test
    void shouldLetInstancesRaceForAnEntitysEvents_withoutAffinity() {
        try (EmbeddedTransport transport = EmbeddedTransport.open(dir, Durability.NORMAL, ticker, ACK_WAIT, false)) {
            Subscription a = transport.subscribe("orders", Set.of("ticket:updated"));
            Subscription b = transport.subscribe("orders", Set.of("ticket:updated"));
            transport.publish(List.of(event("ticket:updated", "t1", 1), event("ticket:updated", "t1", 2)));

            assertThat(a.fetch(1, NO_WAIT)).extracting(d -> d.event().version()).containsExactly(1L);
            assertThat(b.fetch(1, NO_WAIT)).extracting(d -> d.event().version()).containsExactly(2L);
        }
    }

    @Test
    void shouldRedeliverARefusedEventOnlyAfterItsDelay() {
        try (EmbeddedTransport transport = open()) {
            Subscription sub = transport.subscribe("orders", Set.of("ticket:updated"));
            transport.publish(List.of(event("ticket:updated", "t1", 2)));
            Delivery first = sub.fetch(1, NO_WAIT).get(0);

            first.nak(Duration.ofSeconds(5));
            assertThat(sub.fetch(1, NO_WAIT)).isEmpty();
            ticker.advance(Duration.ofSeconds(5));
            List<Delivery> again = sub.fetch(1, NO_WAIT);

            assertThat(again).hasSize(1);
            assertThat(again.get(0).deliveryCount()).isEqualTo(2);
            again.get(0).ack();
            assertThat(sub.backlog()).isZero();
        }
    }

    @Test
    void shouldRedeliverAfterTheAckWait_whenNeitherAckedNorRefused() {
        try (EmbeddedTransport transport = open()) {
            Subscription sub = transport.subscribe("orders", Set.of("ticket:created"));
            transport.publish(List.of(event("ticket:created", "t1", 0)));
            Delivery first = sub.fetch(1, NO_WAIT).get(0);

            ticker.advance(ACK_WAIT.minusMillis(1));
            assertThat(sub.fetch(1, NO_WAIT)).isEmpty();
            ticker.advance(Duration.ofMillis(1));
            List<Delivery> again = sub.fetch(1, NO_WAIT);

            assertThat(again).hasSize(1);
            assertThat(again.get(0).deliveryCount()).isEqualTo(2);
            first.nak(Duration.ZERO);
            assertThat(sub.fetch(1, NO_WAIT)).as("a stale refusal does not requeue it").isEmpty();
        }
    }

    @Test
    void shouldKeepUnackedEventsAndDeliveryCountsAcrossARestart() {
        EventEnvelope acked = event("ticket:created", "t1", 0);
        EventEnvelope refused = event("ticket:created", "t2", 0);
        EventEnvelope inFlight = event("ticket:created", "t3", 0);
        try (EmbeddedTransport transport = open()) {
            Subscription sub = transport.subscribe("orders", Set.of("ticket:created"));
            transport.publish(List.of(acked, refused, inFlight));
            List<Delivery> got = sub.fetch(3, NO_WAIT);
            got.get(0).ack();
            got.get(1).nak(Duration.ofHours(1));
        }
        try (EmbeddedTransport transport = open()) {
            Subscription sub = transport.subscribe("orders", Set.of("ticket:created"));
            List<Delivery> got = sub.fetch(10, NO_WAIT);

            assertThat(ids(got)).containsExactly(refused.eventId(), inFlight.eventId());
            assertThat(got.get(0).deliveryCount()).isEqualTo(2);
        }
    }

    /**
     * Refusals do not commit their counts one by one; the group's next ack, or a refusal after the write interval,
     * carries them. Read by a second transport on the same file while the first is still open, as after a crash.
     */
    @Test
    void shouldWriteRefusedDeliveryCountsWithTheNextAckOrAfterTheInterval() {
        EventEnvelope refused = event("ticket:created", "t1", 0);
        EventEnvelope applied = event("ticket:created", "t2", 0);
        EventEnvelope refusedLater = event("ticket:created", "t3", 0);
        EmbeddedTransport crashed = open();
        Subscription sub = crashed.subscribe("orders", Set.of("ticket:created"));
        crashed.publish(List.of(refused, applied, refusedLater));
        List<Delivery> got = sub.fetch(3, NO_WAIT);
        got.get(0).nak(Duration.ofHours(1));
        got.get(1).ack();
        ticker.advance(Duration.ofNanos(EmbeddedTransport.COUNT_WRITE_INTERVAL_NANOS));
        got.get(2).nak(Duration.ofHours(1));

        try (EmbeddedTransport reopened = open()) {
            List<Delivery> again = reopened.subscribe("orders", Set.of("ticket:created")).fetch(10, NO_WAIT);
            assertThat(ids(again)).containsExactly(refused.eventId(), refusedLater.eventId());
            assertThat(again).allMatch(d -> d.deliveryCount() == 2);
        } finally {
            crashed.close();
        }
    }

    @Test
    void shouldWakeAWaitingFetch_whenAnEventIsPublished() throws Exception {
        try (EmbeddedTransport transport = open()) {
            Subscription sub = transport.subscribe("orders", Set.of("ticket:created"));
            var waiting = java.util.concurrent.CompletableFuture.supplyAsync(() -> sub.fetch(1, Duration.ofSeconds(20)));
            EventEnvelope e = event("ticket:created", "t1", 0);

            transport.publish(List.of(e));

            assertThat(ids(waiting.get(20, java.util.concurrent.TimeUnit.SECONDS))).containsExactly(e.eventId());
        }
    }

    /**
     * An ack made while another thread writes to the file is written by that writer once it lets go: when both
     * calls have returned, the file no longer holds the event for the group, as a second transport would read it
     * after a crash. Consumers ack while the relay publishes, over many rounds so that the two meet in every order.
     */
    @Test
    void shouldWriteEveryAck_evenOneMadeWhileAnotherThreadWrites() throws Exception {
        try (EmbeddedTransport transport = open();
             java.sql.Connection file = java.sql.DriverManager.getConnection("jdbc:sqlite:" + dir.resolve("bus.db"));
             java.sql.PreparedStatement pending = file.prepareStatement("SELECT count(*) FROM pending p JOIN "
                     + "messages m ON m.seq = p.seq WHERE p.group_name = 'orders' AND m.event_id = ?")) {
            Subscription sub = transport.subscribe("orders", Set.of("ticket:created"));
            for (int round = 0; round < 300; round++) {
                EventEnvelope acked = event("ticket:created", "t" + round, 0);
                transport.publish(List.of(acked));
                Delivery delivery = sub.fetch(1, NO_WAIT).get(0);
                EventEnvelope meanwhile = event("ticket:created", "u" + round, 0);
                var publishing = java.util.concurrent.CompletableFuture.runAsync(
                        () -> transport.publish(List.of(meanwhile)));
                delivery.ack();
                publishing.get(20, java.util.concurrent.TimeUnit.SECONDS);

                pending.setString(1, acked.eventId());
                try (java.sql.ResultSet rs = pending.executeQuery()) {
                    assertThat(rs.getInt(1)).as("round %d: the acknowledged event still pending", round).isZero();
                }
                // out of the way of the next round's fetch
                sub.fetch(1, NO_WAIT).forEach(d -> d.nak(Duration.ofHours(1)));
            }
        }
    }
}
