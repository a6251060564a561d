package dev.boxoffice.engine.flow;

import static dev.boxoffice.engine.support.EngineFixture.QUIET;
import static dev.boxoffice.engine.support.EngineFixture.usd;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.boxoffice.engine.BoxOffice;
import dev.boxoffice.engine.event.EventEnvelope;
import dev.boxoffice.engine.event.EventQuery;
import dev.boxoffice.engine.expiration.ExpiryTimer;
import dev.boxoffice.engine.order.Order;
import dev.boxoffice.engine.order.OrderNotCancellableException;
import dev.boxoffice.engine.order.OrderStatus;
import dev.boxoffice.engine.payment.OrderReplica;
import dev.boxoffice.engine.payment.Payment;
import dev.boxoffice.engine.payment.PaymentStatus;
import dev.boxoffice.engine.payment.SimulatedPaymentGateway;
import dev.boxoffice.engine.support.MutableClock;
import dev.boxoffice.engine.ticket.Ticket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import dev.boxoffice.engine.support.Stores;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.io.TempDir;

/**
 * The original app's whole flow on a fake clock: new ticket, new order, expired order, another buyer's order,
 * paid order; versions checked at every step on the owners and on both replicas.
 */
@ParameterizedClass
@MethodSource("dev.boxoffice.engine.support.Stores#underTest")
class BookingFlowTest {

    @Parameter
    Stores stores;

    private static final Duration WINDOW = Duration.ofMinutes(15);

    @TempDir
    Path dir;
    MutableClock clock = MutableClock.at("2026-09-01T18:00:00Z");
    SimulatedPaymentGateway gateway = new SimulatedPaymentGateway();

    @Test
    void shouldExpireAnUnpaidOrder_thenSellTheTicketToAPayingBuyer() {
        try (BoxOffice engine = stores.on(BoxOffice.builder(), dir).clock(clock).orderReplicas(3)
                .expiryWindow(WINDOW).paymentGateway(gateway).build()) {
            // New ticket
            Ticket ticket = engine.tickets().create("Season final", usd("45.00"), "seller");
            engine.awaitQuiescence(QUIET);
            assertThat(engine.orders().ticketReplica(ticket.id()).orElseThrow().version()).isZero();

            // New order, left unpaid
            Order first = engine.orders().place(ticket.id(), "slow-buyer");
            engine.awaitQuiescence(QUIET);
            assertThat(engine.tickets().get(ticket.id()).version()).isEqualTo(1);
            assertThat(engine.orders().ticketReplica(ticket.id()).orElseThrow().version()).isEqualTo(1);
            assertThat(engine.payments().orderReplica(first.id()))
                    .contains(new OrderReplica(first.id(), "slow-buyer", usd("45.00"), OrderStatus.CREATED, 0,
                            clock.instant().plus(WINDOW)));
            assertThat(engine.expirations().pending()).containsExactly(new ExpiryTimer(first.id(), first.expiresAt()));

            // Expired order
            clock.advance(WINDOW.minusSeconds(1));
            engine.awaitQuiescence(QUIET);
            assertThat(engine.orders().find(first.id()).orElseThrow().status()).isEqualTo(OrderStatus.CREATED);
            clock.advance(Duration.ofSeconds(1));
            engine.awaitQuiescence(QUIET);

            Order expired = engine.orders().find(first.id()).orElseThrow();
            assertThat(expired.status()).isEqualTo(OrderStatus.CANCELLED);
            assertThat(expired.version()).isEqualTo(1);
            Ticket released = engine.tickets().get(ticket.id());
            assertThat(released.orderId()).isNull();
            assertThat(released.version()).isEqualTo(2);
            assertThat(engine.orders().ticketReplica(ticket.id()).orElseThrow().version()).isEqualTo(2);
            assertThat(engine.payments().orderReplica(first.id()).orElseThrow())
                    .extracting(OrderReplica::status, OrderReplica::version).containsExactly(OrderStatus.CANCELLED, 1L);
            assertThat(engine.expirations().pending()).isEmpty();

            // Another buyer orders and pays
            Order second = engine.orders().place(ticket.id(), "quick-buyer");
            engine.awaitQuiescence(QUIET);
            Payment payment = engine.payments().pay(second.id(), SimulatedPaymentGateway.VISA, "quick-buyer", "key-1");
            assertThat(payment.amount()).isEqualTo(usd("45.00"));
            assertThat(payment.amount().minorUnits()).isEqualTo(4500);
            engine.awaitQuiescence(QUIET);

            Order paid = engine.orders().find(second.id()).orElseThrow();
            assertThat(paid.status()).isEqualTo(OrderStatus.COMPLETE);
            assertThat(paid.version()).isEqualTo(1);
            Ticket sold = engine.tickets().get(ticket.id());
            assertThat(sold.orderId()).isEqualTo(second.id());
            assertThat(sold.version()).isEqualTo(3);
            assertThat(engine.orders().ticketReplica(ticket.id()).orElseThrow().version()).isEqualTo(3);
            assertThat(engine.payments().orderReplica(second.id()).orElseThrow())
                    .extracting(OrderReplica::status, OrderReplica::version).containsExactly(OrderStatus.COMPLETE, 1L);
            assertThat(engine.payments().find(payment.id()).orElseThrow().status()).isEqualTo(PaymentStatus.CAPTURED);
            assertThat(gateway.captured()).containsExactly(payment.chargeId());
            assertThat(engine.expirations().pending()).isEmpty();

            // A complete order is final: it neither cancels nor expires
            assertThatThrownBy(() -> engine.orders().cancel(second.id(), "quick-buyer"))
                    .isInstanceOf(OrderNotCancellableException.class);
            clock.advance(WINDOW.multipliedBy(2));
            engine.awaitQuiescence(QUIET);
            assertThat(engine.orders().find(second.id()).orElseThrow().status()).isEqualTo(OrderStatus.COMPLETE);
            assertThat(engine.tickets().get(ticket.id()).orderId()).isEqualTo(second.id());

            List<String> firstOrderEvents = subjects(engine, first.id());
            assertThat(firstOrderEvents).containsExactly("order:created", "expiration:complete", "order:cancelled");
            assertThat(subjects(engine, second.id())).containsExactly("order:created", "order:completed");
            assertThat(engine.deadLetters().list()).isEmpty();
        }
    }

    private static List<String> subjects(BoxOffice engine, String aggregateId) {
        return engine.events().list(new EventQuery(null, aggregateId, 100)).stream()
                .map(EventEnvelope::subject).toList();
    }
}
