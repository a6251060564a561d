package dev.boxoffice.engine.replication;

import dev.boxoffice.engine.support.Stores;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.MethodSource;
import static dev.boxoffice.engine.support.EngineFixture.QUIET;
import static dev.boxoffice.engine.support.EngineFixture.usd;
import static org.assertj.core.api.Assertions.assertThat;

import dev.boxoffice.engine.BoxOffice;
import dev.boxoffice.engine.event.EventEnvelope;
import dev.boxoffice.engine.order.Order;
import dev.boxoffice.engine.order.TicketReplica;
import dev.boxoffice.engine.testing.FaultInjectingTransport;
import dev.boxoffice.engine.support.MutableClock;
import dev.boxoffice.engine.ticket.Ticket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * When a version never arrives, the original app's replica refused every later event forever. Ours asks the
 * owner for a snapshot after a bounded number of refusals, and converges.
 */
@ParameterizedClass
@MethodSource("dev.boxoffice.engine.support.Stores#underTest")
class GapRepairTest {

    @Parameter
    Stores stores;

    @TempDir
    Path dir;
    AtomicReference<FaultInjectingTransport> faulty = new AtomicReference<>();

    private BoxOffice engineLosing(Predicate<EventEnvelope> lost) {
        return stores.on(BoxOffice.builder(), dir).clock(MutableClock.at("2026-06-01T00:00:00Z"))
                .orderReplicas(2)
                .gapRepairAfter(3)
                .redeliveryBackoff(Duration.ofMillis(1), Duration.ofMillis(10))
                .transportDecorator(t -> {
                    faulty.set(new FaultInjectingTransport(t, 7).losing(lost));
                    return faulty.get();
                })
                .build();
    }

    private static long gapRepairs(BoxOffice engine) {
        return engine.replicas().stream().mapToLong(ReplicaCounters::gapRepairs).sum();
    }

    @Test
    void shouldRepairTheReplica_whenAnUpdateIsLost() {
        try (BoxOffice engine = engineLosing(e -> e.subject().equals("ticket:updated") && e.version() == 1)) {
            Ticket ticket = engine.tickets().create("Jazz", usd("30"), "seller");
            engine.tickets().update(ticket.id(), "Jazz (lost edit)", usd("31"), "seller");
            Ticket last = engine.tickets().update(ticket.id(), "Jazz (final)", usd("32"), "seller");

            engine.awaitQuiescence(QUIET);

            assertThat(faulty.get().lostCount()).isEqualTo(1);
            assertThat(engine.orders().ticketReplica(ticket.id()))
                    .contains(new TicketReplica(ticket.id(), "Jazz (final)", usd("32"), "seller", last.version()));
            assertThat(gapRepairs(engine)).isPositive();
            assertThat(engine.deadLetters().list()).isEmpty();
        }
    }

    @Test
    void shouldLearnOfATicket_whenItsCreationIsLost() {
        try (BoxOffice engine = engineLosing(e -> e.subject().equals("ticket:created"))) {
            Ticket ticket = engine.tickets().create("Circus", usd("12"), "seller");
            engine.tickets().update(ticket.id(), "Circus (matinee)", usd("11"), "seller");

            engine.awaitQuiescence(QUIET);

            assertThat(engine.orders().ticketReplica(ticket.id()))
                    .contains(new TicketReplica(ticket.id(), "Circus (matinee)", usd("11"), "seller", 1));
            assertThat(gapRepairs(engine)).isPositive();
        }
    }

    @Test
    void shouldNotLeaveATicketReserved_whenTheOrderCreationIsLostButItsCancelArrives() {
        try (BoxOffice engine = engineLosing(e -> e.subject().equals("order:created"))) {
            Ticket ticket = engine.tickets().create("Theatre", usd("25"), "seller");
            engine.awaitQuiescence(QUIET);
            Order order = engine.orders().place(ticket.id(), "buyer");
            engine.orders().cancel(order.id(), "buyer");

            engine.awaitQuiescence(QUIET);

            Ticket now = engine.tickets().get(ticket.id());
            assertThat(now.orderId()).isNull();
            assertThat(now.version()).as("never reserved: the snapshot said cancelled").isZero();
            assertThat(gapRepairs(engine)).isPositive();
            assertThat(engine.tickets().update(ticket.id(), "Theatre", usd("26"), "seller").version()).isEqualTo(1);
        }
    }
}
