package dev.boxoffice.engine.expiration;

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
import dev.boxoffice.engine.event.EventQuery;
import dev.boxoffice.engine.order.Order;
import dev.boxoffice.engine.order.OrderStatus;
import dev.boxoffice.engine.replication.ReplicaCounters;
import dev.boxoffice.engine.testing.FaultInjectingTransport;
import dev.boxoffice.engine.support.MutableClock;
import dev.boxoffice.engine.ticket.Ticket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@ParameterizedClass
@MethodSource("dev.boxoffice.engine.support.Stores#underTest")
class ExpirationsTest {

    @Parameter
    Stores stores;

    private static final Duration WINDOW = Duration.ofMinutes(10);

    @TempDir
    Path dir;
    MutableClock clock = MutableClock.at("2026-08-01T20:00:00Z");

    private BoxOfficeBuilder engine() {
        return stores.on(BoxOffice.builder(), dir).clock(clock).expiryWindow(WINDOW);
    }

    private static Order placeOrder(BoxOffice engine, String title) {
        Ticket ticket = engine.tickets().create(title, usd("10"), "seller");
        engine.awaitQuiescence(QUIET);
        return engine.orders().place(ticket.id(), "buyer");
    }

    private static long expirationEvents(BoxOffice engine, String orderId) {
        return engine.events().list(new EventQuery("expiration:complete", orderId, 100)).size();
    }

    @Test
    void shouldScheduleOnce_whenOrderCreatedIsDeliveredTwice() {
        try (BoxOffice engine = engine()
                .transportDecorator(t -> new FaultInjectingTransport(t, 11).duplicating(1.0)).build()) {
            Order order = placeOrder(engine, "Duplicate delivery");
            engine.awaitQuiescence(QUIET);

            assertThat(engine.expirations().pending()).containsExactly(new ExpiryTimer(order.id(), order.expiresAt()));
            clock.advance(WINDOW);
            engine.awaitQuiescence(QUIET);

            assertThat(expirationEvents(engine, order.id())).isEqualTo(1);
            assertThat(engine.events().list(new EventQuery("order:cancelled", order.id(), 100))).hasSize(1);
            assertThat(engine.replicas()).filteredOn(c -> c.group().equals("expiration"))
                    .allSatisfy(c -> assertThat(c.duplicates()).isPositive());
        }
    }

    @Test
    void shouldPageThePendingTimersSoonestFirst_andCountTheOverdueOnes() {
        List<Order> placed = new ArrayList<>();
        try (BoxOffice engine = engine().build()) {
            for (int i = 0; i < 6; i++) {
                placed.add(placeOrder(engine, "Timer " + i));
                if (i != 3) { // orders 3 and 4 expire at the same instant: the order id decides between them
                    clock.advance(Duration.ofMinutes(1));
                }
            }
            engine.awaitQuiescence(QUIET);
            List<ExpiryTimer> soonestFirst = placed.stream()
                    .sorted(Comparator.comparing(Order::expiresAt).thenComparing(Order::id))
                    .map(o -> new ExpiryTimer(o.id(), o.expiresAt())).toList();

            List<ExpiryTimer> pages = new ArrayList<>();
            List<Integer> sizes = new ArrayList<>();
            String after = null;
            for (List<ExpiryTimer> page = engine.expirations().page(null, 4); !page.isEmpty();
                 page = engine.expirations().page(after, 4)) {
                pages.addAll(page);
                sizes.add(page.size());
                after = page.get(page.size() - 1).orderId();
            }
            assertThat(pages).isEqualTo(soonestFirst).isEqualTo(engine.expirations().pending());
            assertThat(sizes).containsExactly(4, 2);
            assertThat(engine.expirations().counts()).isEqualTo(new Expirations.Counts(6, 0));

            Order cancelled = placed.get(1);
            engine.orders().cancel(cancelled.id(), "buyer");
            engine.awaitQuiescence(QUIET);
            assertThat(engine.expirations().page(cancelled.id(), 10)).as("a dropped timer still marks its place")
                    .isEqualTo(soonestFirst.subList(2, 6));
            assertThat(engine.expirations().page(null, 10)).doesNotContain(soonestFirst.get(1));
        }
        // stopped for a while: the first order's time and the third's pass, the second's was dropped
        clock.advance(Duration.between(clock.instant(), placed.get(2).expiresAt()));
        try (BoxOffice engine = engine().autoStart(false).build()) {
            assertThat(engine.expirations().counts()).isEqualTo(new Expirations.Counts(5, 2));
        }
    }

    @Test
    void shouldRefuseAPageAfterAnOrderWithoutATimer() {
        try (BoxOffice engine = engine().build()) {
            String unknown = "3f0d9a8e-1b2c-4d5e-8f90-123456789abc";
            assertThatThrownBy(() -> engine.expirations().page(unknown, 10))
                    .isInstanceOfSatisfying(NotFoundException.class, e -> assertThat(e.id()).isEqualTo(unknown));
        }
    }

    @Test
    void shouldDropTheTimer_whenTheOrderIsCancelled() {
        try (BoxOffice engine = engine().build()) {
            Order order = placeOrder(engine, "Cancelled in time");
            engine.awaitQuiescence(QUIET);
            engine.orders().cancel(order.id(), "buyer");
            engine.awaitQuiescence(QUIET);

            assertThat(engine.expirations().pending()).isEmpty();
            clock.advance(WINDOW.multipliedBy(3));
            engine.awaitQuiescence(QUIET);
            assertThat(expirationEvents(engine, order.id())).isZero();
            assertThat(engine.events().list(new EventQuery("order:cancelled", order.id(), 100))).hasSize(1);
        }
    }

    @Test
    void shouldFireOverdueTimersAtOnceAndPendingOnesOnTime_afterARestart() {
        Order overdue;
        Order later;
        try (BoxOffice engine = engine().build()) {
            overdue = placeOrder(engine, "Overdue");
            clock.advance(Duration.ofMinutes(5));
            later = placeOrder(engine, "Later");
            engine.awaitQuiescence(QUIET);
            assertThat(engine.expirations().pending()).hasSize(2);
        }
        clock.advance(Duration.ofMinutes(6));

        try (BoxOffice engine = engine().build()) {
            engine.awaitQuiescence(QUIET);

            assertThat(engine.orders().find(overdue.id()).orElseThrow().status()).isEqualTo(OrderStatus.CANCELLED);
            assertThat(engine.orders().find(later.id()).orElseThrow().status()).isEqualTo(OrderStatus.CREATED);
            assertThat(engine.expirations().pending()).containsExactly(new ExpiryTimer(later.id(), later.expiresAt()));

            clock.advance(Duration.ofMinutes(4));
            engine.awaitQuiescence(QUIET);
            assertThat(engine.orders().find(later.id()).orElseThrow().status()).isEqualTo(OrderStatus.CANCELLED);
            assertThat(engine.tickets().get(later.ticket().id()).orderId()).isNull();
        }
    }

    @Test
    void shouldNotCancelTwice_whenExpiryRedeliveredAfterTheOrderWasCancelled() {
        try (BoxOffice engine = engine()
                .transportDecorator(t -> new FaultInjectingTransport(t, 5).duplicating(1.0)).build()) {
            Order order = placeOrder(engine, "Twice");
            clock.advance(WINDOW);
            engine.awaitQuiescence(QUIET);

            assertThat(engine.orders().find(order.id()).orElseThrow().version()).isEqualTo(1);
            assertThat(engine.events().list(new EventQuery("order:cancelled", order.id(), 100))).hasSize(1);
            assertThat(engine.replicas()).filteredOn(c -> c.group().equals("orders"))
                    .extracting(ReplicaCounters::duplicates).anyMatch(d -> d > 0);
        }
    }
}
