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
import dev.boxoffice.engine.event.EventQuery;
import dev.boxoffice.engine.order.Order;
import dev.boxoffice.engine.order.OrderStatus;
import dev.boxoffice.engine.payment.ChargeRequest;
import dev.boxoffice.engine.payment.Payment;
import dev.boxoffice.engine.payment.PaymentGateway;
import dev.boxoffice.engine.payment.PaymentStatus;
import dev.boxoffice.engine.payment.SimulatedPaymentGateway;
import dev.boxoffice.engine.support.Await;
import dev.boxoffice.engine.support.MutableClock;
import dev.boxoffice.engine.ticket.Ticket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The booking flow survives a restart at its awkward points and still completes exactly once. */
@ParameterizedClass
@MethodSource("dev.boxoffice.engine.support.Stores#underTest")
class FlowRestartTest {

    @Parameter
    Stores stores;

    @TempDir
    Path dir;
    MutableClock clock = MutableClock.at("2026-11-01T10:00:00Z");
    SimulatedPaymentGateway gateway = new SimulatedPaymentGateway();

    private BoxOfficeBuilder engine(PaymentGateway gateway) {
        return stores.on(BoxOffice.builder(), dir).clock(clock).expiryWindow(Duration.ofMinutes(15))
                .paymentGateway(gateway);
    }

    private static long count(BoxOffice engine, String subject, String aggregateId) {
        return engine.events().list(new EventQuery(subject, aggregateId, 100)).size();
    }

    @Test
    void shouldCompleteExactlyOnce_whenRestartedWithAPaymentStillInTheOutbox() {
        Order order;
        Ticket ticket;
        try (BoxOffice first = engine(gateway).build()) {
            ticket = first.tickets().create("Cup final", usd("80"), "seller");
            first.awaitQuiescence(QUIET);
            order = first.orders().place(ticket.id(), "fan");
            first.awaitQuiescence(QUIET);
        }
        Payment payment;
        try (BoxOffice stopped = engine(gateway).autoStart(false).build()) {
            payment = stopped.payments().pay(order.id(), SimulatedPaymentGateway.VISA, "fan", "pay-1");
            assertThat(stopped.expirations().pending()).hasSize(1);
        }

        try (BoxOffice reopened = engine(gateway).build()) {
            reopened.awaitQuiescence(QUIET);

            assertThat(reopened.orders().find(order.id()).orElseThrow().status()).isEqualTo(OrderStatus.COMPLETE);
            assertThat(reopened.payments().find(payment.id()).orElseThrow().status()).isEqualTo(PaymentStatus.CAPTURED);
            assertThat(reopened.tickets().get(ticket.id()).orderId()).isEqualTo(order.id());
            assertThat(reopened.expirations().pending()).isEmpty();
            assertThat(count(reopened, "order:completed", order.id())).isEqualTo(1);
            assertThat(gateway.captured()).containsExactly(payment.chargeId());
            assertThat(gateway.authorizations()).isEqualTo(1);
        }
    }

    @Test
    void shouldCaptureAfterARestart_withTheDefaultGatewayThatRemembersItsCharges() {
        Order order;
        try (BoxOffice first = stores.on(BoxOffice.builder(), dir).clock(clock).build()) {
            Ticket ticket = first.tickets().create("Encore", usd("70"), "seller");
            first.awaitQuiescence(QUIET);
            order = first.orders().place(ticket.id(), "fan");
            first.awaitQuiescence(QUIET);
        }
        Payment payment;
        try (BoxOffice stopped = stores.on(BoxOffice.builder(), dir).clock(clock).autoStart(false).build()) {
            payment = stopped.payments().pay(order.id(), SimulatedPaymentGateway.VISA, "fan", null);
        }

        try (BoxOffice reopened = stores.on(BoxOffice.builder(), dir).clock(clock).build()) {
            reopened.awaitQuiescence(QUIET);

            assertThat(reopened.payments().find(payment.id()).orElseThrow().status()).isEqualTo(PaymentStatus.CAPTURED);
            SimulatedPaymentGateway gateway = (SimulatedPaymentGateway) reopened.paymentGateway();
            assertThat(gateway.captured()).containsExactly(payment.chargeId());
            assertThat(gateway.authorizations()).isEqualTo(1);
        }
    }

    /** A gateway that holds an authorization until the test lets it go, to stop the engine mid-payment. */
    private static final class StallingGateway implements PaymentGateway {
        final SimulatedPaymentGateway inner;
        final CountDownLatch entered = new CountDownLatch(1);
        final CountDownLatch proceed = new CountDownLatch(1);

        StallingGateway(SimulatedPaymentGateway inner) {
            this.inner = inner;
        }

        @Override
        public String authorize(ChargeRequest request) {
            String chargeId = inner.authorize(request);
            entered.countDown();
            try {
                proceed.await(30, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return chargeId;
        }

        @Override
        public void capture(String chargeId) {
            inner.capture(chargeId);
        }

        @Override
        public void release(String chargeId) {
            inner.release(chargeId);
        }
    }

    @Test
    void shouldResumeAPaymentInterruptedWhileTheGatewayWasAuthorizing() throws Exception {
        Order order;
        StallingGateway stalling = new StallingGateway(gateway);
        try (BoxOffice first = engine(stalling).build()) {
            Ticket ticket = first.tickets().create("Derby", usd("60"), "seller");
            first.awaitQuiescence(QUIET);
            order = first.orders().place(ticket.id(), "fan");
            first.awaitQuiescence(QUIET);
            CompletableFuture<Payment> paying = CompletableFuture.supplyAsync(
                    () -> first.payments().pay(order.id(), SimulatedPaymentGateway.VISA, "fan", "k"));
            assertThat(stalling.entered.await(30, TimeUnit.SECONDS)).isTrue();
            assertThat(first.payments().forOrder(order.id())).singleElement()
                    .extracting(Payment::status).isEqualTo(PaymentStatus.AUTHORIZING);
            first.close();
            stalling.proceed.countDown();
            Await.until("the interrupted pay call to fail", QUIET, paying::isDone);
            assertThat(paying).isCompletedExceptionally();
        }

        try (BoxOffice reopened = engine(gateway).build()) {
            reopened.awaitQuiescence(QUIET);

            assertThat(reopened.orders().find(order.id()).orElseThrow().status()).isEqualTo(OrderStatus.COMPLETE);
            assertThat(reopened.payments().forOrder(order.id())).singleElement()
                    .extracting(Payment::status).isEqualTo(PaymentStatus.CAPTURED);
            assertThat(gateway.authorizations()).as("the resumed call reused the idempotency key").isEqualTo(1);
            assertThat(gateway.captured()).hasSize(1);
        }
    }
}
