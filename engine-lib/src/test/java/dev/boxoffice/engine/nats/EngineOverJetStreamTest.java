package dev.boxoffice.engine.nats;

import static dev.boxoffice.engine.support.EngineFixture.QUIET;
import static dev.boxoffice.engine.support.EngineFixture.operaEdited;
import static dev.boxoffice.engine.support.EngineFixture.usd;
import static org.assertj.core.api.Assertions.assertThat;

import dev.boxoffice.engine.BoxOffice;
import dev.boxoffice.engine.order.Order;
import dev.boxoffice.engine.order.OrderStatus;
import dev.boxoffice.engine.order.TicketReplica;
import dev.boxoffice.engine.replication.ReplicaCounters;
import dev.boxoffice.engine.support.Await;
import dev.boxoffice.engine.support.NatsServer;
import dev.boxoffice.engine.testing.FaultInjectingTransport;
import dev.boxoffice.engine.ticket.Ticket;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The engine with its events on a real NATS JetStream: four order replicas share the group's consumers, the engine's
 * own entity affinity keeps one ticket's edits with one of them at a time, and the whole booking flow runs
 * through; a killed broker and a broker that lost its store lose nothing.
 */
class EngineOverJetStreamTest {

    @RegisterExtension
    static final NatsServer.PerClass BROKER = new NatsServer.PerClass();

    @TempDir
    Path dir;

    @Test
    void shouldReplicateEveryEditAndBookThroughTheBroker() {
        try (BoxOffice engine = BoxOffice.builder().dataDirectory(dir).orderReplicas(4).fetchBatch(1)
                .redeliveryBackoff(Duration.ofMillis(5), Duration.ofMillis(50))
                .transport(JetStreamTransport.connect(JetStreamTransport.Settings.of(BROKER.url())))
                .build()) {
            // the creation and the edits travel on different consumers and may come in either order (the next
            // test); here the creation is replicated first, so that any refusal below is an edit racing an edit
            Ticket ticket = engine.tickets().create("Opera", usd("10"), "seller");
            engine.awaitQuiescence(QUIET);
            for (int i = 1; i <= 40; i++) {
                engine.tickets().update(ticket.id(), "Opera " + i, usd(String.valueOf(10 + i)), "seller");
            }
            engine.awaitQuiescence(QUIET);

            assertThat(engine.orders().ticketReplica(ticket.id()))
                    .contains(new TicketReplica(ticket.id(), "Opera 40", usd("50"), "seller", 40));
            Order order = engine.orders().place(ticket.id(), "buyer");
            engine.awaitQuiescence(QUIET);
            engine.payments().pay(order.id(), "tok_visa", "buyer", "key-1");
            engine.awaitQuiescence(QUIET);

            assertThat(engine.orders().find(order.id()).orElseThrow().status()).isEqualTo(OrderStatus.COMPLETE);
            assertThat(engine.tickets().get(ticket.id()).orderId()).isEqualTo(order.id());
            assertThat(engine.replicas().stream().filter(c -> c.group().equals("orders"))
                    .mapToLong(ReplicaCounters::delivered).sum()).isGreaterThanOrEqualTo(41);
            assertThat(engine.replicas().stream().mapToLong(ReplicaCounters::outOfOrderRefused).sum())
                    .as("the four instances took turns fetching and handed each edit to the ticket's holder")
                    .isZero();
            assertThat(engine.deadLetters().list()).isEmpty();
        }
    }

    /**
     * A ticket's creation and its edits are different subjects, so different consumers of the group: the broker
     * may hand an edit over before the creation. The edit is refused and parked, and the replica still ends at
     * the last edit, no version applied twice.
     */
    @Test
    void shouldPutEditsAfterTheCreation_whenTheCreationComesLast() throws Exception {
        AtomicReference<FaultInjectingTransport> faults = new AtomicReference<>();
        try (NatsServer broker = NatsServer.start(); // its own: what it leaves refused must not reach another test
             BoxOffice engine = BoxOffice.builder().dataDirectory(dir).orderReplicas(4).fetchBatch(1)
                     .redeliveryBackoff(Duration.ofMillis(5), Duration.ofMillis(50))
                     .transport(JetStreamTransport.connect(JetStreamTransport.Settings.of(broker.url())))
                     .transportDecorator(t -> {
                         faults.set(new FaultInjectingTransport(t, 7)
                                 .holding(e -> e.subject().equals("ticket:created")));
                         return faults.get();
                     })
                     .build()) {
            Ticket ticket = operaEdited(engine, 40);
            Await.until("the creation held, and an edit refused for want of it", QUIET, () -> faults.get().heldCount()
                    > 0 && orders(engine).mapToLong(ReplicaCounters::outOfOrderRefused).sum() > 0);
            faults.get().holding(e -> false).releaseHeld();
            engine.awaitQuiescence(QUIET);

            assertThat(engine.orders().ticketReplica(ticket.id()))
                    .contains(new TicketReplica(ticket.id(), "Opera 40", usd("50"), "seller", 40));
            assertThat(orders(engine).mapToLong(ReplicaCounters::applied).sum())
                    .as("every version applied at most once (a snapshot may stand for some)").isBetween(1L, 41L);
            assertThat(engine.deadLetters().list()).isEmpty();
        }
    }

    private static Stream<ReplicaCounters> orders(BoxOffice engine) {
        return engine.replicas().stream().filter(c -> c.group().equals("orders"));
    }

    @Test
    void shouldLoseNothing_whenTheBrokerIsKilledMidStreamAndRestarted() throws Exception {
        try (NatsServer broker = NatsServer.start();
             BoxOffice engine = BoxOffice.builder().dataDirectory(dir).orderReplicas(3)
                     .redeliveryBackoff(Duration.ofMillis(5), Duration.ofMillis(50))
                     .transport(JetStreamTransport.connect(JetStreamTransport.Settings.of(broker.url())
                             .withAckWait(Duration.ofSeconds(2))))
                     .build()) {
            Ticket ticket = engine.tickets().create("Gig", usd("10"), "seller");
            engine.awaitQuiescence(QUIET);

            broker.kill(); // SIGKILL: publishes fail, fetches find no broker
            for (int i = 1; i <= 20; i++) {
                engine.tickets().update(ticket.id(), "Gig " + i, usd(String.valueOf(10 + i)), "seller");
            }
            broker.restart();
            engine.awaitQuiescence(QUIET);

            assertThat(engine.orders().ticketReplica(ticket.id()))
                    .contains(new TicketReplica(ticket.id(), "Gig 20", usd("30"), "seller", 20));
            assertThat(engine.deadLetters().list()).isEmpty();
        }
    }

    /**
     * Broker amnesia: the broker acknowledged ten edits, the orders group had taken them but not settled them, and
     * then the broker lost its store. Nothing redelivers them: the replica stays stale until the operator
     * republishes from the outboxes, after which it converges, and nothing already applied is applied twice.
     */
    @Test
    void shouldConverge_whenTheBrokerLosesItsStore_byRepublishingFromTheOutboxes() throws Exception {
        FaultInjectingTransport[] faults = new FaultInjectingTransport[1];
        try (NatsServer broker = NatsServer.start();
             BoxOffice engine = BoxOffice.builder().dataDirectory(dir).orderReplicas(2)
                     .redeliveryBackoff(Duration.ofMillis(5), Duration.ofMillis(50))
                     .transport(JetStreamTransport.connect(JetStreamTransport.Settings.of(broker.url())
                             .withAckWait(Duration.ofSeconds(1))))
                     .transportDecorator(t -> faults[0] = new FaultInjectingTransport(t, 1))
                     .build()) {
            Ticket ticket = engine.tickets().create("Ballet", usd("10"), "seller");
            engine.awaitQuiescence(QUIET);
            Instant beforeEdits = Instant.now();

            faults[0].holding(e -> e.subject().equals("ticket:updated"));
            for (int i = 1; i <= 10; i++) {
                engine.tickets().update(ticket.id(), "Ballet " + i, usd(String.valueOf(10 + i)), "seller");
            }
            Await.until("the orders group to hold all ten edits", QUIET, () -> faults[0].heldCount() == 10);
            broker.kill();
            broker.wipeStore();
            faults[0].forgetHeld();
            broker.restart();
            engine.awaitQuiescence(QUIET);
            assertThat(engine.orders().ticketReplica(ticket.id()).orElseThrow().version())
                    .as("the broker forgot the edits: nothing brings them back by itself").isZero();

            assertThat(engine.outboxes().republishSince(beforeEdits)).isEqualTo(10);
            engine.awaitQuiescence(QUIET);
            assertThat(engine.orders().ticketReplica(ticket.id()))
                    .contains(new TicketReplica(ticket.id(), "Ballet 10", usd("20"), "seller", 10));

            long republishedAll = engine.outboxes().republishFrom(1);
            assertThat(republishedAll).isEqualTo(11);
            engine.awaitQuiescence(QUIET);
            assertThat(engine.orders().ticketReplica(ticket.id()).orElseThrow().version()).isEqualTo(10);
            assertThat(engine.replicas().stream().filter(c -> c.group().equals("orders"))
                    .mapToLong(ReplicaCounters::applied).sum()).as("each event applied once").isEqualTo(11);
            assertThat(engine.deadLetters().list()).isEmpty();
        }
    }
}
