package dev.boxoffice.engine.flow;

import dev.boxoffice.engine.support.Stores;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.MethodSource;
import static org.assertj.core.api.Assertions.assertThat;

import dev.boxoffice.engine.BoxOffice;
import dev.boxoffice.engine.BoxOfficeBuilder;
import dev.boxoffice.engine.BoxOfficeException;
import dev.boxoffice.engine.Money;
import dev.boxoffice.engine.event.EventEnvelope;
import dev.boxoffice.engine.event.EventQuery;
import dev.boxoffice.engine.order.Order;
import dev.boxoffice.engine.order.OrderStatus;
import dev.boxoffice.engine.payment.Payment;
import dev.boxoffice.engine.payment.PaymentStatus;
import dev.boxoffice.engine.payment.SimulatedPaymentGateway;
import dev.boxoffice.engine.testing.FaultInjectingTransport;
import dev.boxoffice.engine.support.MutableClock;
import dev.boxoffice.engine.support.SeededTest;
import dev.boxoffice.engine.support.Seeds;
import dev.boxoffice.engine.support.TempDirs;
import dev.boxoffice.engine.ticket.Ticket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.SplittableRandom;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/**
 * Buyers pay, buyers cancel and the clock runs past the orders' expiry, all at once and in random order, on a
 * transport that duplicates and delays. Whatever wins, it wins alone: an order ends complete or cancelled,
 * never both; nobody is charged twice or charged for a cancelled order; a ticket whose order is complete is
 * never released.
 */
@ParameterizedClass
@MethodSource("dev.boxoffice.engine.support.Stores#underTest")
class PaymentExpiryRaceTest {

    @Parameter
    Stores stores;

    private static final Duration WINDOW = Duration.ofMinutes(15);
    private static final Duration SETTLE = Duration.ofSeconds(60);
    private static final AtomicLong COMPLETED = new AtomicLong();
    private static final AtomicLong CANCELLED = new AtomicLong();
    private static final AtomicLong LATE_PAYMENTS_RELEASED = new AtomicLong();

    @BeforeAll
    static void reset() {
        COMPLETED.set(0);
        CANCELLED.set(0);
        LATE_PAYMENTS_RELEASED.set(0);
    }

    /** Both outcomes, and the tight race where a payment loses, must have happened over the seeds. */
    @AfterAll
    static void bothOutcomesHappened() {
        if (Seeds.replayingOne()) {
            return; // one seed replayed: the tallies are about all of a run's seeds
        }
        assertThat(COMPLETED.get()).as("orders completed over all tries").isPositive();
        assertThat(CANCELLED.get()).as("orders cancelled over all tries").isPositive();
        assertThat(LATE_PAYMENTS_RELEASED.get()).as("authorized payments that lost the race and were released")
                .isPositive();
    }

    @SeededTest(15)
    void shouldLetExactlyOneFateWin_whenPaymentExpiryAndCancelRace(long seed) {
        exactlyOneFateWins(seed, stores::fresh);
    }

    /**
     * The property for one seed, on the transport {@code transport} sets on the builder (the embedded log when it
     * sets none): shared with the same property over JetStream. Adds to this class's tallies of outcomes.
     */
    static void exactlyOneFateWins(long seed, UnaryOperator<BoxOfficeBuilder> transport) {
        int orders = new SplittableRandom(seed).nextInt(2, 9);
        Path dir = TempDirs.create("boxoffice-race");
        MutableClock clock = MutableClock.at("2026-12-01T19:00:00Z");
        SimulatedPaymentGateway gateway = new SimulatedPaymentGateway();
        try (BoxOffice engine = transport.apply(BoxOffice.builder()).dataDirectory(dir).clock(clock).orderReplicas(3)
                .expiryWindow(WINDOW).paymentGateway(gateway).durableCommits(false)
                .maxDeliveries(100_000).redeliveryBackoff(Duration.ofMillis(1), Duration.ofMillis(10))
                .transportDecorator(t -> new FaultInjectingTransport(t, seed).duplicating(0.2)
                        .delaying(0.2, Duration.ofMillis(10)).shuffling())
                .build()) {
            Random random = new Random(seed);
            List<Order> placed = placeOrders(engine, orders);

            List<CompletableFuture<Void>> actors = new ArrayList<>();
            for (Order order : placed) {
                int plan = random.nextInt(4);
                long jitter = random.nextInt(3);
                actors.add(CompletableFuture.runAsync(() -> act(engine, order, plan, jitter)));
            }
            int advanceAfter = random.nextInt(placed.size() + 1);
            actors.get(Math.min(advanceAfter, actors.size() - 1)).thenRun(() -> clock.advance(WINDOW));
            CompletableFuture.allOf(actors.toArray(CompletableFuture[]::new)).join();
            clock.advance(WINDOW);
            engine.awaitQuiescence(SETTLE);

            for (Order order : placed) {
                checkOneFate(engine, gateway, order);
            }
            assertThat(gateway.captured()).hasSize((int) placed.stream()
                    .filter(o -> engine.orders().find(o.id()).orElseThrow().status() == OrderStatus.COMPLETE).count());
            assertThat(engine.expirations().pending()).isEmpty();
            assertThat(engine.deadLetters().list()).isEmpty();
        } finally {
            TempDirs.delete(dir);
        }
    }

    private static List<Order> placeOrders(BoxOffice engine, int count) {
        List<Ticket> tickets = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            tickets.add(engine.tickets().create("Seat " + i, Money.of("25", "USD"), "seller"));
        }
        engine.awaitQuiescence(SETTLE);
        List<Order> placed = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            placed.add(engine.orders().place(tickets.get(i).id(), "buyer-" + i));
        }
        engine.awaitQuiescence(SETTLE);
        return placed;
    }

    /** 0: pay; 1: cancel; 2: pay and cancel; 3: do nothing (left to expire). Refusals are part of the game. */
    private static void act(BoxOffice engine, Order order, int plan, long jitter) {
        for (long i = 0; i < jitter; i++) {
            Thread.onSpinWait();
        }
        try {
            if (plan == 0 || plan == 2) {
                engine.payments().pay(order.id(), SimulatedPaymentGateway.VISA, order.userId(), order.id());
            }
        } catch (BoxOfficeException refused) {
            // cancelled or expired first
        }
        try {
            if (plan == 1 || plan == 2) {
                engine.orders().cancel(order.id(), order.userId());
            }
        } catch (BoxOfficeException refused) {
            // paid first
        }
    }

    private static void checkOneFate(BoxOffice engine, SimulatedPaymentGateway gateway, Order placed) {
        Order order = engine.orders().find(placed.id()).orElseThrow();
        List<String> fates = engine.events().list(new EventQuery(null, order.id(), 100)).stream()
                .map(EventEnvelope::subject)
                .filter(s -> s.equals("order:completed") || s.equals("order:cancelled"))
                .toList();
        assertThat(fates).as("fate events of order %s", order.id()).hasSize(1);
        List<Payment> payments = engine.payments().forOrder(order.id());
        List<Payment> captured = payments.stream().filter(p -> p.status() == PaymentStatus.CAPTURED).toList();
        assertThat(payments).as("no payment left unsettled").noneMatch(p -> p.status() == PaymentStatus.AUTHORIZED
                || p.status() == PaymentStatus.AUTHORIZING);
        String holder = engine.tickets().get(order.ticket().id()).orderId();
        if (order.status() == OrderStatus.COMPLETE) {
            COMPLETED.incrementAndGet();
            assertThat(fates).containsExactly("order:completed");
            assertThat(captured).hasSize(1);
            assertThat(gateway.captured()).contains(captured.get(0).chargeId());
            assertThat(holder).as("ticket of a complete order").isEqualTo(order.id());
        } else {
            CANCELLED.incrementAndGet();
            assertThat(order.status()).isEqualTo(OrderStatus.CANCELLED);
            assertThat(fates).containsExactly("order:cancelled");
            assertThat(captured).as("nothing captured for a cancelled order").isEmpty();
            assertThat(holder).isNull();
            assertThat(payments).allMatch(p -> p.status() == PaymentStatus.VOIDED);
            assertThat(payments).allMatch(p -> gateway.released().contains(p.chargeId()));
            LATE_PAYMENTS_RELEASED.addAndGet(payments.size());
        }
    }
}
