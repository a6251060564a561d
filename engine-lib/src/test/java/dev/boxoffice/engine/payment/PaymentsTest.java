package dev.boxoffice.engine.payment;

import dev.boxoffice.engine.support.Stores;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.MethodSource;
import static dev.boxoffice.engine.support.EngineFixture.QUIET;
import static dev.boxoffice.engine.support.EngineFixture.usd;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.boxoffice.engine.BoxOffice;
import dev.boxoffice.engine.NotOwnerException;
import dev.boxoffice.engine.ValidationException;
import dev.boxoffice.engine.order.Order;
import dev.boxoffice.engine.order.OrderNotFoundException;
import dev.boxoffice.engine.order.OrderStatus;
import dev.boxoffice.engine.support.MutableClock;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import dev.boxoffice.engine.support.Race;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@ParameterizedClass
@MethodSource("dev.boxoffice.engine.support.Stores#underTest")
class PaymentsTest {

    @Parameter
    Stores stores;

    private static final String VISA = SimulatedPaymentGateway.VISA;

    @TempDir
    Path dir;
    MutableClock clock = MutableClock.at("2026-10-01T09:00:00Z");
    SimulatedPaymentGateway gateway = new SimulatedPaymentGateway();
    BoxOffice engine;
    Payments payments;

    @BeforeEach
    void open() {
        engine = stores.on(BoxOffice.builder(), dir).clock(clock).expiryWindow(Duration.ofMinutes(5))
                .paymentGateway(gateway).build();
        payments = engine.payments();
    }

    @AfterEach
    void close() {
        engine.close();
    }

    private Order replicatedOrder(String buyer, String price) {
        var ticket = engine.tickets().create("Match", usd(price), "seller");
        engine.awaitQuiescence(QUIET);
        Order order = engine.orders().place(ticket.id(), buyer);
        engine.awaitQuiescence(QUIET);
        return order;
    }

    @Test
    void shouldChargeTheOrdersPriceInMinorUnits() {
        Order order = replicatedOrder("buyer", "19.99");

        Payment payment = payments.pay(order.id(), VISA, "buyer", null);
        engine.awaitQuiescence(QUIET);

        assertThat(payment.status()).isEqualTo(PaymentStatus.AUTHORIZED);
        assertThat(gateway.request(payment.chargeId()).amount().minorUnits()).isEqualTo(1999);
        assertThat(payments.find(payment.id()).orElseThrow().status()).isEqualTo(PaymentStatus.CAPTURED);
        assertThat(payments.forOrder(order.id())).hasSize(1);
        assertThat(payments.list()).hasSize(1);
    }

    @Test
    void shouldRejectAPaymentByAnotherUser() {
        Order order = replicatedOrder("buyer", "10");

        assertThatThrownBy(() -> payments.pay(order.id(), VISA, "stranger", null))
                .isInstanceOf(NotOwnerException.class);
        assertThat(gateway.authorizations()).isZero();
    }

    @Test
    void shouldRejectAnOrderTheReplicaDoesNotKnow() {
        assertThatThrownBy(() -> payments.pay("f3c6b7a0-0000-4000-8000-000000000000", VISA, "buyer", null))
                .isInstanceOf(OrderNotFoundException.class);
    }

    @Test
    void shouldRejectAMissingCardToken() {
        Order order = replicatedOrder("buyer", "10");

        assertThatThrownBy(() -> payments.pay(order.id(), " ", "buyer", null))
                .isInstanceOfSatisfying(ValidationException.class, e -> assertThat(e.field()).isEqualTo("token"));
    }

    @Test
    void shouldRejectACancelledOrder() {
        Order order = replicatedOrder("buyer", "10");
        engine.orders().cancel(order.id(), "buyer");
        engine.awaitQuiescence(QUIET);

        assertThatThrownBy(() -> payments.pay(order.id(), VISA, "buyer", null))
                .isInstanceOf(OrderNotPayableException.class).hasMessage("Cannot pay for a cancelled order");
        assertThat(gateway.authorizations()).isZero();
    }

    @Test
    void shouldRejectAnExpiredOrder_evenBeforeTheExpiryIsProcessed() {
        Order order = replicatedOrder("buyer", "10");
        clock.advance(Duration.ofMinutes(5));

        assertThatThrownBy(() -> payments.pay(order.id(), VISA, "buyer", null))
                .isInstanceOf(OrderNotPayableException.class);
        engine.awaitQuiescence(QUIET);
        assertThat(engine.orders().find(order.id()).orElseThrow().status()).isEqualTo(OrderStatus.CANCELLED);
        assertThat(gateway.authorizations()).isZero();
    }

    @Test
    void shouldRejectASecondPayment() {
        Order order = replicatedOrder("buyer", "10");
        payments.pay(order.id(), VISA, "buyer", null);

        assertThatThrownBy(() -> payments.pay(order.id(), VISA, "buyer", null))
                .isInstanceOf(OrderAlreadyPaidException.class);
        engine.awaitQuiescence(QUIET);
        assertThatThrownBy(() -> payments.pay(order.id(), VISA, "buyer", null))
                .isInstanceOf(OrderAlreadyPaidException.class).hasMessage("Order has already been paid");
        assertThat(gateway.authorizations()).isEqualTo(1);
    }

    @Test
    void shouldRecordNothingForADeclinedCard_andAcceptAGoodOneAfter() {
        Order order = replicatedOrder("buyer", "10");

        assertThatThrownBy(() -> payments.pay(order.id(), SimulatedPaymentGateway.DECLINED, "buyer", "k1"))
                .isInstanceOfSatisfying(PaymentDeclinedException.class,
                        e -> assertThat(e.code()).isEqualTo("card_declined"))
                .hasMessage("Your card was declined.");
        assertThatThrownBy(() -> payments.pay(order.id(), "tok_bogus", "buyer", null))
                .isInstanceOfSatisfying(PaymentDeclinedException.class,
                        e -> assertThat(e.code()).isEqualTo("invalid_token"));
        assertThat(payments.forOrder(order.id())).isEmpty();

        payments.pay(order.id(), VISA, "buyer", "k2");
        engine.awaitQuiescence(QUIET);
        assertThat(engine.orders().find(order.id()).orElseThrow().status()).isEqualTo(OrderStatus.COMPLETE);
    }

    @Test
    void shouldReturnTheFirstPaymentAndChargeOnce_whenTheSameKeyIsRepeated() {
        Order order = replicatedOrder("buyer", "10");

        Payment first = payments.pay(order.id(), VISA, "buyer", "same-key");
        Payment again = payments.pay(order.id(), VISA, "buyer", "same-key");
        engine.awaitQuiescence(QUIET);
        Payment afterCompletion = payments.pay(order.id(), VISA, "buyer", "same-key");

        assertThat(again).isEqualTo(first);
        assertThat(afterCompletion.id()).isEqualTo(first.id());
        assertThat(afterCompletion.status()).isEqualTo(PaymentStatus.CAPTURED);
        assertThat(gateway.authorizations()).isEqualTo(1);
        assertThat(gateway.captured()).hasSize(1);
    }

    @Test
    void shouldRefuseAKeyReusedForAnotherRequest() {
        Order order = replicatedOrder("buyer", "10");
        Order other = replicatedOrder("buyer", "20");
        payments.pay(order.id(), VISA, "buyer", "key");

        assertThatThrownBy(() -> payments.pay(other.id(), VISA, "buyer", "key"))
                .isInstanceOf(IdempotencyKeyReusedException.class);
        assertThatThrownBy(() -> payments.pay(order.id(), "tok_mastercard", "buyer", "key"))
                .isInstanceOf(IdempotencyKeyReusedException.class);
    }

    @Test
    void shouldChargeOnce_whenSixteenCallsWithOneKeyRace() throws Exception {
        Order order = replicatedOrder("buyer", "10");

        List<Object> outcomes = race(16, i -> payments.pay(order.id(), VISA, "buyer", "racing-key"));
        engine.awaitQuiescence(QUIET);

        List<Payment> paid = outcomes.stream().filter(Payment.class::isInstance).map(Payment.class::cast).toList();
        assertThat(paid).isNotEmpty();
        assertThat(paid).extracting(Payment::id).containsOnly(paid.get(0).id());
        assertThat(outcomes).allMatch(o -> o instanceof Payment || o instanceof PaymentInProgressException);
        assertThat(gateway.authorizations()).isEqualTo(1);
        assertThat(gateway.captured()).hasSize(1);
    }

    @Test
    void shouldLetOnePaymentThrough_whenSixteenCallsWithDifferentKeysRace() throws Exception {
        Order order = replicatedOrder("buyer", "10");

        List<Object> outcomes = race(16, i -> payments.pay(order.id(), VISA, "buyer", "key-" + i));
        engine.awaitQuiescence(QUIET);

        assertThat(outcomes).filteredOn(Payment.class::isInstance).hasSize(1);
        assertThat(outcomes).filteredOn(OrderAlreadyPaidException.class::isInstance).hasSize(15);
        assertThat(gateway.captured()).hasSize(1);
    }

    private interface Attempt {
        Payment run(int i);
    }

    private static List<Object> race(int threads, Attempt attempt) throws Exception {
        return Race.of(threads, attempt::run);
    }
}
