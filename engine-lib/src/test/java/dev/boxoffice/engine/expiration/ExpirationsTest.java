package dev.boxoffice.engine.expiration;

import dev.boxoffice.engine.support.Stores;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.MethodSource;
import static dev.boxoffice.engine.support.EngineFixture.QUIET;
import static dev.boxoffice.engine.support.EngineFixture.usd;
import static org.assertj.core.api.Assertions.assertThat;

import dev.boxoffice.engine.BoxOffice;
import dev.boxoffice.engine.BoxOfficeBuilder;
import dev.boxoffice.engine.event.EventQuery;
import dev.boxoffice.engine.order.Order;
import dev.boxoffice.engine.order.OrderStatus;
import dev.boxoffice.engine.replication.ReplicaCounters;
import dev.boxoffice.engine.testing.FaultInjectingTransport;
import dev.boxoffice.engine.support.MutableClock;
import dev.boxoffice.engine.ticket.Ticket;
import java.nio.file.Path;
import java.time.Duration;
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
