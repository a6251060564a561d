package dev.boxoffice.engine.cluster;

import static dev.boxoffice.engine.support.EngineFixture.QUIET;
import static dev.boxoffice.engine.support.EngineFixture.usd;
import static org.assertj.core.api.Assertions.assertThat;

import dev.boxoffice.engine.BoxOffice;
import dev.boxoffice.engine.nats.JetStreamTransport;
import dev.boxoffice.engine.event.EventEnvelope;
import dev.boxoffice.engine.event.Subject;
import dev.boxoffice.engine.order.Order;
import dev.boxoffice.engine.order.OrderStatus;
import dev.boxoffice.engine.order.TicketAlreadyReservedException;
import dev.boxoffice.engine.order.TicketReplica;
import dev.boxoffice.engine.payment.ChargeRequest;
import dev.boxoffice.engine.payment.PaymentGateway;
import dev.boxoffice.engine.payment.PaymentStatus;
import dev.boxoffice.engine.payment.SimulatedPaymentGateway;
import dev.boxoffice.engine.replication.DeliveryFate;
import dev.boxoffice.engine.replication.DeliveryRecord;
import dev.boxoffice.engine.store.Storage;
import dev.boxoffice.engine.support.Await;
import dev.boxoffice.engine.support.MutableClock;
import dev.boxoffice.engine.support.NatsServer;
import dev.boxoffice.engine.support.Postgres;
import dev.boxoffice.engine.support.Race;
import dev.boxoffice.engine.support.TempDirs;
import dev.boxoffice.engine.ticket.Ticket;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Two engines with pools of their own, as two processes would be, on one PostgreSQL database and one JetStream:
 * every service runs in both at once, so each rule the stores keep must hold across them. Both take requests,
 * both fire timers, both settle payments, both relay the outboxes, and the order replicas of both compete for the
 * same ticket events.
 */
class TwoEnginesOneDatabaseTest {

    @RegisterExtension
    static final NatsServer.PerClass BROKER = new NatsServer.PerClass();

    private static final Duration WINDOW = Duration.ofMinutes(15);

    private final String url = Postgres.newDatabase();
    /** A stream of this test's own on the class's broker. */
    private final String stream = url.substring(url.lastIndexOf('/') + 1).replaceAll("\\W.*", "");
    private final MutableClock clock = MutableClock.at("2026-12-02T20:00:00Z");
    private final Path dirA = TempDirs.create("engine-a");
    private final Path dirB = TempDirs.create("engine-b");
    private final CountingGateway gateway = new CountingGateway(
            SimulatedPaymentGateway.durable(Storage.postgres(url, "postgres", "postgres")));
    /** Every delivery either engine's consumers settled. */
    private final List<DeliveryRecord> deliveries = java.util.Collections.synchronizedList(new ArrayList<>());
    private BoxOffice a;
    private BoxOffice b;

    @BeforeEach
    void start() {
        a = engine(dirA);
        b = engine(dirB);
    }

    private BoxOffice engine(Path dir) {
        return engine(dir, gateway);
    }

    private BoxOffice engine(Path dir, PaymentGateway gateway) {
        // each engine is a node of its own: named after its directory
        return BoxOffice.builder().nodeId(dir.getFileName().toString()).dataDirectory(dir).clock(clock).expiryWindow(WINDOW).orderReplicas(2)
                .storage(Storage.postgres(url, "postgres", "postgres"))
                .transport(JetStreamTransport.connect(JetStreamTransport.Settings.of(BROKER.url())
                        .withStream(stream.toUpperCase(java.util.Locale.ROOT), stream)))
                .paymentGateway(gateway)
                .deliveryObserver(deliveries::add)
                .redeliveryBackoff(Duration.ofMillis(5), Duration.ofMillis(50))
                // a hung settlement loop lets its duty go within 2.2 s
                .leaseTimeToLive(Duration.ofSeconds(1))
                .build();
    }

    @AfterEach
    void stop() {
        b.close();
        a.close();
        gateway.delegate.close();
        TempDirs.delete(dirA);
        TempDirs.delete(dirB);
    }

    private void quiet() {
        // each engine sees its own relays and the shared consumers: quiet in both, twice, means nothing moves
        for (int round = 0; round < 2; round++) {
            a.awaitQuiescence(QUIET);
            b.awaitQuiescence(QUIET);
        }
    }

    @Test
    void shouldBookOneTicketOnce_whenSixtyFourBuyersSplitOverBothEnginesRaceForIt() throws Exception {
        Ticket ticket = a.tickets().create("Final", usd("80"), "seller");
        Await.until("the ticket in the orders service", QUIET, () -> b.orders().ticketReplica(ticket.id()).isPresent());

        List<Object> outcomes = Race.of(64, i -> (i % 2 == 0 ? a : b).orders().place(ticket.id(), "buyer-" + i));
        quiet();

        List<Order> placed = outcomes.stream().filter(Order.class::isInstance).map(Order.class::cast).toList();
        assertThat(placed).hasSize(1);
        assertThat(outcomes).filteredOn(o -> !(o instanceof Order))
                .allMatch(TicketAlreadyReservedException.class::isInstance);
        assertThat(count("SELECT count(*) FROM orders.orders WHERE ticket_id = ?", ticket.id())).isEqualTo(1);
        assertThat(a.tickets().get(ticket.id()).orderId()).isEqualTo(placed.get(0).id());
        assertThat(b.orders().ticketReplica(ticket.id()).orElseThrow().version()).isEqualTo(1);
    }

    @Test
    void shouldFireEachTimerOnce_andCaptureEachPaymentOnce_withBothEnginesAtWork() throws Exception {
        int tickets = 24;
        List<Order> orders = new ArrayList<>();
        for (int i = 0; i < tickets; i++) {
            BoxOffice seller = i % 2 == 0 ? a : b;
            Ticket ticket = seller.tickets().create("Seat " + i, usd("20"), "seller");
            Await.until("the ticket in the orders service", QUIET,
                    () -> seller.orders().ticketReplica(ticket.id()).isPresent());
            orders.add((i % 2 == 0 ? b : a).orders().place(ticket.id(), "buyer-" + i));
        }
        quiet();
        List<Order> paid = orders.subList(0, tickets / 2);
        for (int i = 0; i < paid.size(); i++) {
            Order order = paid.get(i);
            (i % 2 == 0 ? a : b).payments().pay(order.id(), SimulatedPaymentGateway.VISA, order.userId(), "pay-" + i);
        }
        // the captures race between the engines now; the clock moves once they are done (a jump of the business
        // clock past a settlement's lease would let the other engine take over a capture still in progress)
        quiet();
        clock.advance(WINDOW.plusSeconds(1)); // every unpaid order is due, in both engines at once
        quiet();

        for (Order order : paid) {
            assertThat(a.orders().find(order.id()).orElseThrow().status()).isEqualTo(OrderStatus.COMPLETE);
            assertThat(b.payments().forOrder(order.id())).singleElement()
                    .extracting(p -> p.status()).isEqualTo(PaymentStatus.CAPTURED);
        }
        for (Order order : orders.subList(tickets / 2, tickets)) {
            assertThat(b.orders().find(order.id()).orElseThrow().status()).isEqualTo(OrderStatus.CANCELLED);
            assertThat(count("SELECT count(*) FROM expiration.outbox WHERE subject = 'expiration:complete' "
                    + "AND aggregate_id = ?", order.id())).as("timer of %s fired", order.id()).isEqualTo(1);
            assertThat(count("SELECT count(*) FROM orders.outbox WHERE subject = 'order:cancelled' "
                    + "AND aggregate_id = ?", order.id())).isEqualTo(1);
        }
        assertThat(gateway.authorizations.get()).isEqualTo(paid.size());
        assertThat(gateway.captures).hasSize(paid.size()).allSatisfy((charge, calls) -> assertThat(calls.get())
                .as("captures of %s", charge).isEqualTo(1));
        assertThat(a.deadLetters().list()).isEmpty();
    }

    @Test
    void shouldShowEveryEventOnTheLiveFeed_ofTheEngineThatRelaysNone() {
        // a was built first and holds every duty: b publishes nothing, and follows the outboxes for its feed
        assertThat(a.nodes().list().get(0).duties()).hasSize(6);
        assertThat(b.nodes().list().get(0).duties()).isEmpty();
        List<String> seen = new java.util.concurrent.CopyOnWriteArrayList<>();
        var registration = b.events().subscribe(e -> seen.add(e.eventId()));
        try {
            Ticket ticket = a.tickets().create("Fed", usd("10"), "seller");
            a.tickets().update(ticket.id(), "Fed again", usd("11"), "seller");
            Await.until("the ticket in the orders service", QUIET, () -> b.orders().ticketReplica(ticket.id())
                    .map(r -> r.version() == 1).orElse(false));
            Order order = b.orders().place(ticket.id(), "buyer");
            quiet();

            List<String> published = java.util.stream.Stream.of(ticket.id(), order.id())
                    .flatMap(id -> a.events().list(new dev.boxoffice.engine.event.EventQuery(null, id, 100)).stream())
                    .map(e -> e.eventId()).toList();
            assertThat(published).hasSizeGreaterThanOrEqualTo(3);
            Await.until("every event on b's live feed", QUIET, () -> seen.containsAll(published));
            assertThat(seen).doesNotHaveDuplicates();
        } finally {
            registration.close();
        }
    }

    @Test
    void shouldKeepEveryReplicaAtItsOwnersVersion_whenTheSellerEditsOnBothEngines() {
        List<Ticket> tickets = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            tickets.add(a.tickets().create("Show " + i, usd("10"), "seller"));
        }
        for (int edit = 1; edit <= 30; edit++) {
            for (Ticket t : tickets) {
                (edit % 2 == 0 ? a : b).tickets().update(t.id(), t.title() + " #" + edit, usd(10 + edit + ".00"),
                        "seller");
            }
        }
        quiet();
        for (Ticket t : tickets) {
            Ticket owner = b.tickets().get(t.id());
            assertThat(owner.version()).isEqualTo(30);
            assertThat(a.orders().ticketReplica(t.id()))
                    .contains(new TicketReplica(t.id(), owner.title(), owner.price(), "seller", 30));
        }
        // Each ticket event is applied once, by one engine or the other, unless a gap repair's snapshot jumped the
        // replica past it (a slow run refuses an event often enough to ask the owner for one): then it is dropped.
        List<DeliveryRecord> applied;
        synchronized (deliveries) {
            applied = deliveries.stream().filter(d -> d.group().equals("orders") && d.fate() == DeliveryFate.APPLIED)
                    .toList();
        }
        assertThat(applied).extracting(d -> d.event().eventId()).doesNotHaveDuplicates();
        for (Ticket t : tickets) {
            List<EventEnvelope> ofTicket = applied.stream().map(DeliveryRecord::event)
                    .filter(e -> e.aggregateId().equals(t.id())).toList();
            long snapshotReach = ofTicket.stream().filter(e -> e.subject().equals(Subject.TICKET_SNAPSHOT.wireName()))
                    .mapToLong(EventEnvelope::version).max().orElse(-1);
            java.util.Set<Long> versions = ofTicket.stream().filter(e -> !e.subject().equals(Subject.TICKET_SNAPSHOT.wireName()))
                    .map(EventEnvelope::version).collect(java.util.stream.Collectors.toSet());
            for (long version = 0; version <= 30; version++) {
                assertThat(versions.contains(version) || version <= snapshotReach)
                        .as("version %d of %s applied, or passed by a snapshot of version %d", version, t.id(),
                                snapshotReach).isTrue();
            }
        }
        // the engines' own counters agree (each engine's own instances, as they are now; each also lists the other's,
        // as last reported)
        long counted = java.util.stream.Stream.of(a, b).flatMap(e -> e.replicas().stream()
                        .filter(c -> c.node().equals(e.nodes().self()) && c.group().equals("orders")))
                .mapToLong(c -> c.applied()).sum();
        assertThat(counted).as("applied, by the replicas' counters").isEqualTo(applied.size());
    }

    @Test
    void shouldTakeOverASettlement_whenItsHolderStopsAnsweringPastItsLease() throws Exception {
        Ticket ticket = a.tickets().create("Late show", usd("40"), "seller");
        Await.until("the ticket in the orders service", QUIET, () -> a.orders().ticketReplica(ticket.id()).isPresent());
        Order order = a.orders().place(ticket.id(), "buyer");
        quiet();
        // a third engine whose card processor stops answering captures: it takes the settlement and hangs
        b.close();
        a.close();
        StallingCaptures stalling = new StallingCaptures(gateway);
        Path dirC = TempDirs.create("engine-c");
        try (BoxOffice c = engine(dirC, stalling)) {
            c.payments().pay(order.id(), SimulatedPaymentGateway.VISA, "buyer", "late-key");
            assertThat(stalling.entered.await(20, java.util.concurrent.TimeUnit.SECONDS)).isTrue();
            a = engine(dirA);
            b = engine(dirB);
            assertThat(a.payments().forOrder(order.id())).singleElement().extracting(p -> p.status())
                    .isEqualTo(PaymentStatus.AUTHORIZED);

            clock.advance(Duration.ofSeconds(11)); // past the holder's lease
            Await.until("another engine to settle it", QUIET, () -> a.payments().forOrder(order.id()).get(0)
                    .status() == PaymentStatus.CAPTURED);
            stalling.proceed.countDown();
            quiet();
            String charge = a.payments().forOrder(order.id()).get(0).chargeId();
            assertThat(gateway.delegate.captured()).containsExactly(charge);
            assertThat(a.payments().forOrder(order.id())).singleElement().extracting(p -> p.status())
                    .isEqualTo(PaymentStatus.CAPTURED);
        } finally {
            stalling.proceed.countDown();
            TempDirs.delete(dirC);
        }
    }

    /** A card processor that hangs on its first capture until the test lets it go. */
    private static final class StallingCaptures implements PaymentGateway {
        final PaymentGateway delegate;
        final CountDownLatch entered = new CountDownLatch(1);
        final CountDownLatch proceed = new CountDownLatch(1);

        StallingCaptures(PaymentGateway delegate) {
            this.delegate = delegate;
        }

        @Override
        public String authorize(ChargeRequest request) {
            return delegate.authorize(request);
        }

        @Override
        public void capture(String chargeId) {
            entered.countDown();
            try {
                proceed.await(30, java.util.concurrent.TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            delegate.capture(chargeId);
        }

        @Override
        public void release(String chargeId) {
            delegate.release(chargeId);
        }
    }

    private long count(String sql, String id) throws SQLException {
        try (Connection c = DriverManager.getConnection(url, "postgres", "postgres");
             PreparedStatement s = c.prepareStatement(sql)) {
            s.setString(1, id);
            try (ResultSet rs = s.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    /** The gateway both engines share, counting what it is asked per charge. */
    private static final class CountingGateway implements PaymentGateway {
        final SimulatedPaymentGateway delegate;
        final AtomicInteger authorizations = new AtomicInteger();
        final Map<String, AtomicInteger> captures = new ConcurrentHashMap<>();

        CountingGateway(SimulatedPaymentGateway delegate) {
            this.delegate = delegate;
        }

        @Override
        public String authorize(ChargeRequest request) {
            authorizations.incrementAndGet();
            return delegate.authorize(request);
        }

        @Override
        public void capture(String chargeId) {
            captures.computeIfAbsent(chargeId, c -> new AtomicInteger()).incrementAndGet();
            delegate.capture(chargeId);
        }

        @Override
        public void release(String chargeId) {
            delegate.release(chargeId);
        }
    }
}
