package dev.boxoffice.engine.bus;

import dev.boxoffice.engine.support.Stores;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.MethodSource;
import static dev.boxoffice.engine.support.EngineFixture.QUIET;
import static dev.boxoffice.engine.support.EngineFixture.usd;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.boxoffice.engine.BoxOffice;
import dev.boxoffice.engine.BoxOfficeBuilder;
import dev.boxoffice.engine.NotFoundException;
import dev.boxoffice.engine.ValidationException;
import dev.boxoffice.engine.order.Order;
import dev.boxoffice.engine.order.TicketReplica;
import dev.boxoffice.engine.replication.ReplicaCounters;
import dev.boxoffice.engine.testing.FaultInjectingTransport;
import dev.boxoffice.engine.support.Await;
import dev.boxoffice.engine.support.MutableClock;
import dev.boxoffice.engine.ticket.Ticket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@ParameterizedClass
@MethodSource("dev.boxoffice.engine.support.Stores#underTest")
class DeadLettersTest {

    @Parameter
    Stores stores;

    @TempDir
    Path dir;

    @Test
    void shouldSetAsideAnEventAfterMaxDeliveries_andApplyItWhenRetriedOnceItCan() {
        AtomicReference<FaultInjectingTransport> faulty = new AtomicReference<>();
        try (BoxOffice engine = holdingVersion1(faulty, false).orderReplicas(2).build()) {
            Ticket ticket = version2DeadLettered(engine);

            DeadLetter letter = engine.deadLetters().list().get(0);
            assertThat(letter.group()).isEqualTo("orders");
            assertThat(letter.event().version()).isEqualTo(2);
            // 3 at least: refused on, besides, until an ack wait had passed since its first refusal
            assertThat(letter.deliveries()).isGreaterThanOrEqualTo(3);
            assertThat(letter.reason()).isEqualTo("Out of order: ticket " + ticket.id()
                    + " expected version 1 but got 2");
            assertThat(engine.deadLetters().list()).hasSize(1);
            assertThat(engine.deadLetters().count()).isEqualTo(1);

            DeadLetters.RetryOutcome tooEarly = engine.deadLetters().retry(letter.id());
            assertThat(tooEarly.resolved()).isFalse();
            assertThat(engine.deadLetters().list()).singleElement()
                    .satisfies(d -> assertThat(d.deliveries()).isEqualTo(letter.deliveries() + 1));

            // version 1, and the copies the transport delivered again after each ack wait
            assertThat(faulty.get().releaseHeld()).isPositive();
            engine.awaitQuiescence(QUIET);
            assertThat(engine.orders().ticketReplica(ticket.id()).orElseThrow().version()).isEqualTo(1);

            DeadLetters.RetryOutcome retried = engine.deadLetters().retry(letter.id());
            assertThat(retried.resolved()).isTrue();
            assertThat(retried.detail()).isEqualTo("applied");
            assertThat(engine.deadLetters().list()).isEmpty();
            assertThat(engine.deadLetters().count()).isZero();
            assertThat(engine.orders().ticketReplica(ticket.id()))
                    .contains(new TicketReplica(ticket.id(), "Rock v2", usd("52"), "seller", 2));
        }
    }

    @Test
    void shouldForgetADeadLetter_whenItsEventComesBackAndIsApplied() {
        AtomicReference<FaultInjectingTransport> faulty = new AtomicReference<>();
        // every ack lost, the dead letter's too: its event comes back after the ack wait
        try (BoxOffice engine = holdingVersion1(faulty, true).build()) {
            Ticket ticket = version2DeadLettered(engine);
            assertThat(engine.deadLetters().list()).hasSize(1);

            faulty.get().forgettingAcks(false);
            // version 1, held since its first delivery, and as many copies as came back meanwhile: unacknowledged,
            // it is delivered again every 300 ms, so a slow machine holds it more than once
            assertThat(faulty.get().releaseHeld()).isPositive();
            Await.until("version 2 applied when it came back, and its dead letter gone", QUIET,
                    () -> engine.orders().ticketReplica(ticket.id()).orElseThrow().version() == 2
                            && engine.deadLetters().list().isEmpty());
            assertThat(engine.orders().ticketReplica(ticket.id()))
                    .contains(new TicketReplica(ticket.id(), "Rock v2", usd("52"), "seller", 2));
        }
    }

    /**
     * Version 1 is handed to an instance that vanishes with it, and comes back only after the ack wait. Version 2,
     * refused meanwhile far more often than the 3 deliveries after which an event is set aside, waits for it: an
     * event refused as out of order is not set aside before an ack wait has passed since its first refusal.
     */
    @Test
    void shouldNotSetAsideAnEventRefusedAsOutOfOrder_beforeTheEventBeforeItCanComeBack() {
        AtomicReference<FaultInjectingTransport> faulty = new AtomicReference<>();
        try (BoxOffice engine = holdingVersion1(faulty, false).ackWait(Duration.ofSeconds(1)).build()) {
            Ticket ticket = engine.tickets().create("Rock", usd("50"), "seller");
            engine.tickets().update(ticket.id(), "Rock v1", usd("51"), "seller");
            Await.until("version 1 in an instance's hands", QUIET, () -> faulty.get().heldCount() == 1);
            assertThat(faulty.get().forgetHeld()).isEqualTo(1);
            engine.tickets().update(ticket.id(), "Rock v2", usd("52"), "seller");

            Await.until("version 2 applied", QUIET, () -> engine.orders().ticketReplica(ticket.id())
                    .map(r -> r.version() == 2).orElse(false));
            assertThat(engine.deadLetters().list()).isEmpty();
            assertThat(engine.replicas().stream().mapToLong(ReplicaCounters::outOfOrderRefused).sum())
                    .as("version 2 refused more often than an event is delivered before it is set aside")
                    .isGreaterThan(3);
            assertThat(engine.orders().ticketReplica(ticket.id()))
                    .contains(new TicketReplica(ticket.id(), "Rock v2", usd("52"), "seller", 2));
        }
    }

    /**
     * An engine whose transport holds version 1 of each ticket's edits until released, and which sets an event aside
     * after 3 deliveries and 300 ms, the ack wait.
     */
    private BoxOfficeBuilder holdingVersion1(AtomicReference<FaultInjectingTransport> faulty, boolean forgettingAcks) {
        return stores.on(BoxOffice.builder(), dir)
                .clock(MutableClock.at("2026-07-01T00:00:00Z"))
                .ackWait(Duration.ofMillis(300))
                .maxDeliveries(3)
                .gapRepairAfter(1_000)
                .redeliveryBackoff(Duration.ofMillis(1), Duration.ofMillis(5))
                .transportDecorator(t -> {
                    faulty.set(new FaultInjectingTransport(t, 3).forgettingAcks(forgettingAcks)
                            .holding(e -> e.subject().equals("ticket:updated") && e.version() == 1));
                    return faulty.get();
                });
    }

    /** Rock, edited twice: with version 1 held, version 2 is refused until it is set aside as a dead letter. */
    private static Ticket version2DeadLettered(BoxOffice engine) {
        Ticket ticket = engine.tickets().create("Rock", usd("50"), "seller");
        engine.tickets().update(ticket.id(), "Rock v1", usd("51"), "seller");
        engine.tickets().update(ticket.id(), "Rock v2", usd("52"), "seller");
        // the counter moves after the dead letter is committed, so once it moved the letter is there
        Await.until("version 2 dead-lettered", QUIET,
                () -> engine.replicas().stream().mapToLong(ReplicaCounters::deadLettered).sum() == 1);
        return ticket;
    }

    @Test
    void shouldPageThroughEveryServicesDeadLetters_inTheOrderOfTheList() {
        MutableClock clock = MutableClock.at("2026-07-01T00:00:00Z");
        try (BoxOffice engine = stores.on(BoxOffice.builder(), dir)
                .clock(clock)
                .ackWait(Duration.ofMillis(300))
                .maxDeliveries(3)
                .gapRepairAfter(1_000)
                .redeliveryBackoff(Duration.ofMillis(1), Duration.ofMillis(5))
                // every creation of an order lost: its cancellation is out of order wherever it is heard
                .transportDecorator(t -> new FaultInjectingTransport(t, 3)
                        .holding(e -> e.subject().equals("order:created")))
                .build()) {
            for (int i = 0; i < 4; i++) {
                Ticket ticket = engine.tickets().create("Seat " + i, usd("20"), "seller");
                Await.until("the ticket in the orders service", QUIET,
                        () -> engine.orders().ticketReplica(ticket.id()).isPresent());
                Order order = engine.orders().place(ticket.id(), "buyer");
                engine.orders().cancel(order.id(), "buyer");
                int setAside = 3 * (i + 1);
                Await.until("this cancellation set aside by the three services that missed its creation", QUIET,
                        () -> engine.deadLetters().count() == setAside);
                if (i % 2 == 1) {
                    // some dead letters share a moment, within a service and across them, and some do not
                    clock.advance(Duration.ofSeconds(1));
                }
            }
            List<DeadLetter> all = engine.deadLetters().list();
            assertThat(all).extracting(DeadLetter::group).containsOnly("tickets", "expiration", "payments");
            assertThat(all).extracting(DeadLetter::deadAt).isSorted();

            for (int size : new int[] {1, 5, 12, 13}) {
                List<String> paged = new ArrayList<>();
                List<DeadLetter> page = engine.deadLetters().page(null, size);
                while (!page.isEmpty()) {
                    assertThat(page).as("a page of %d", size).hasSizeLessThanOrEqualTo(size);
                    assertThat(paged).as("pages of %d that never end", size).hasSizeLessThan(all.size());
                    page.forEach(d -> paged.add(d.id()));
                    page = engine.deadLetters().page(paged.get(paged.size() - 1), size);
                }
                assertThat(paged).as("pages of %d", size).containsExactlyElementsOf(
                        all.stream().map(DeadLetter::id).toList());
            }

            assertThatThrownBy(() -> engine.deadLetters().page("nope", 5))
                    .isInstanceOfSatisfying(NotFoundException.class, e -> assertThat(e.entity())
                            .isEqualTo("dead letter"));
            assertThatThrownBy(() -> engine.deadLetters().page(null, 0))
                    .isInstanceOf(ValidationException.class);
        }
    }

    @Test
    void shouldRefuseToRetryAnUnknownDeadLetter() {
        try (BoxOffice engine = stores.on(BoxOffice.builder(), dir).build()) {
            assertThatThrownBy(() -> engine.deadLetters().retry("nope"))
                    .isInstanceOfSatisfying(NotFoundException.class, e -> assertThat(e.entity()).isEqualTo("dead letter"));
        }
    }
}
