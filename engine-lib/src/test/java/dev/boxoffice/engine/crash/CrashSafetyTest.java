package dev.boxoffice.engine.crash;

import dev.boxoffice.engine.support.Stores;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.MethodSource;
import static dev.boxoffice.engine.support.EngineFixture.QUIET;
import static dev.boxoffice.engine.support.EngineFixture.usd;
import static org.assertj.core.api.Assertions.assertThat;

import dev.boxoffice.engine.BoxOffice;
import dev.boxoffice.engine.BoxOfficeBuilder;
import dev.boxoffice.engine.order.Order;
import dev.boxoffice.engine.order.TicketReplica;
import dev.boxoffice.engine.replication.ReplicaCounters;
import dev.boxoffice.engine.support.Await;
import dev.boxoffice.engine.testing.FaultInjectingTransport;
import dev.boxoffice.engine.support.MutableClock;
import dev.boxoffice.engine.ticket.Ticket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Closing or crashing the engine at awkward moments loses no committed event and applies none twice. */
@ParameterizedClass
@MethodSource("dev.boxoffice.engine.support.Stores#underTest")
class CrashSafetyTest {

    @Parameter
    Stores stores;

    @TempDir
    Path dir;
    MutableClock clock = MutableClock.at("2026-04-01T08:00:00Z");

    private BoxOfficeBuilder engine() {
        return stores.on(BoxOffice.builder(), dir).clock(clock).orderReplicas(3);
    }

    private static long sum(BoxOffice engine, String group, java.util.function.ToLongFunction<ReplicaCounters> f) {
        return engine.replicas().stream().filter(c -> c.group().equals(group)).mapToLong(f).sum();
    }

    @Test
    void shouldDeliverEverythingLeftInTheOutbox_whenReopenedAfterAStopBeforePublishing() {
        List<Ticket> tickets = new ArrayList<>();
        try (BoxOffice stopped = engine().autoStart(false).build()) {
            for (int i = 0; i < 10; i++) {
                Ticket t = stopped.tickets().create("Show " + i, usd("15"), "seller");
                tickets.add(stopped.tickets().update(t.id(), "Show " + i + " (moved)", usd("16"), "seller"));
            }
        }

        try (BoxOffice reopened = engine().build()) {
            reopened.awaitQuiescence(QUIET);

            for (Ticket t : tickets) {
                assertThat(reopened.orders().ticketReplica(t.id()))
                        .contains(new TicketReplica(t.id(), t.title(), t.price(), "seller", 1));
            }
            assertThat(sum(reopened, "orders", ReplicaCounters::applied)).isEqualTo(20);
            assertThat(sum(reopened, "orders", ReplicaCounters::duplicates)).isZero();
        }
    }

    @Test
    void shouldNotApplyAnEventTwice_whenTheAckWasLostBeforeARestart() {
        AtomicReference<FaultInjectingTransport> faulty = new AtomicReference<>();
        Ticket ticket;
        Order order;
        try (BoxOffice crashing = engine()
                .transportDecorator(t -> {
                    faulty.set(new FaultInjectingTransport(t, 1).forgettingAcks(true));
                    return faulty.get();
                })
                .build()) {
            ticket = crashing.tickets().create("Ballet", usd("40"), "seller");
            Await.until("ticket replicated", QUIET, () -> crashing.orders().ticketReplica(ticket.id()).isPresent());
            order = crashing.orders().place(ticket.id(), "buyer");
            Await.until("ticket reserved and the reservation replicated", QUIET,
                    () -> crashing.orders().ticketReplica(ticket.id()).map(TicketReplica::version).orElse(0L) == 1);
        }

        try (BoxOffice reopened = engine().build()) {
            reopened.awaitQuiescence(QUIET);

            Ticket reserved = reopened.tickets().get(ticket.id());
            assertThat(reserved.orderId()).isEqualTo(order.id());
            assertThat(reserved.version()).as("order:created applied once").isEqualTo(1);
            assertThat(sum(reopened, "tickets", ReplicaCounters::duplicates)).isGreaterThanOrEqualTo(1);
            assertThat(sum(reopened, "orders", ReplicaCounters::duplicates)).isGreaterThanOrEqualTo(2);
            assertThat(sum(reopened, "orders", ReplicaCounters::applied)).isZero();
            assertThat(sum(reopened, "tickets", ReplicaCounters::applied)).isZero();
        }
    }

    @Test
    void shouldPublishEachEventOnce_whenThePublishReplyIsLostAndTheRelayRetries() {
        try (BoxOffice engine = engine()
                .transportDecorator(t -> new FaultInjectingTransport(t, 2).failingPublishesAfterSuccess(3))
                .build()) {
            List<Ticket> tickets = new ArrayList<>();
            for (int i = 0; i < 5; i++) {
                tickets.add(engine.tickets().create("Gig " + i, usd("9.99"), "seller"));
            }

            engine.awaitQuiescence(QUIET);

            assertThat(engine.orders().ticketReplicas()).hasSize(5);
            assertThat(sum(engine, "orders", ReplicaCounters::delivered)).isEqualTo(5);
            assertThat(sum(engine, "orders", ReplicaCounters::duplicates)).isZero();
        }
    }

    @Test
    void shouldLoseNothingCommitted_whenTheProcessIsKilledMidStream() throws Exception {
        List<String> command = new ArrayList<>(List.of(ProcessHandle.current().info().command().orElse("java"),
                "-cp", System.getProperty("java.class.path"), CrashingSeller.class.getName(), dir.toString(), "400"));
        command.addAll(stores.childArguments(dir));
        Process child = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .start();
        String output = new String(child.getInputStream().readAllBytes());
        assertThat(child.waitFor()).as("child output: %s", output).isEqualTo(CrashingSeller.HALT_STATUS);
        assertThat(output).contains("committed 400");

        try (BoxOffice reopened = engine().build()) {
            reopened.awaitQuiescence(Duration.ofSeconds(60));

            List<Ticket> tickets = reopened.tickets().list();
            assertThat(tickets).hasSizeGreaterThanOrEqualTo(CrashingSeller.TICKETS);
            for (Ticket t : tickets) {
                assertThat(reopened.orders().ticketReplica(t.id()))
                        .contains(new TicketReplica(t.id(), t.title(), t.price(), t.userId(), t.version()));
            }
            assertThat(reopened.deadLetters().list()).isEmpty();
        }
    }
}
