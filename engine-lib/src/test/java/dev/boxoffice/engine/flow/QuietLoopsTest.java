package dev.boxoffice.engine.flow;

import static dev.boxoffice.engine.support.EngineFixture.QUIET;
import static dev.boxoffice.engine.support.EngineFixture.usd;
import static org.assertj.core.api.Assertions.assertThat;

import dev.boxoffice.engine.BoxOffice;
import dev.boxoffice.engine.order.Order;
import dev.boxoffice.engine.order.OrderStatus;
import dev.boxoffice.engine.payment.Payment;
import dev.boxoffice.engine.payment.PaymentStatus;
import dev.boxoffice.engine.payment.SimulatedPaymentGateway;
import dev.boxoffice.engine.support.MutableClock;
import dev.boxoffice.engine.support.Stores;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The expiry timers' and the payment settlement's loops stop polling while nothing is pending in their stores, and
 * a commit of this engine's to the store wakes them. Here their quiet wait is 12 minutes (a fifth of an hour's
 * lease), so a capture or an expiry that waited for the loop's next turn would not come within the test's wait.
 */
@ParameterizedClass
@MethodSource("dev.boxoffice.engine.support.Stores#underTest")
class QuietLoopsTest {

    private static final Duration WINDOW = Duration.ofMinutes(10);

    @Parameter
    Stores stores;

    @TempDir
    Path dir;
    MutableClock clock = MutableClock.at("2026-12-04T01:00:00Z");

    @Test
    void shouldCaptureAPaymentAndExpireAnOrder_whoseLoopsHadNothingPendingBefore() {
        try (BoxOffice engine = stores.on(BoxOffice.builder(), dir).clock(clock).expiryWindow(WINDOW)
                .paymentGateway(new SimulatedPaymentGateway()).leaseTimeToLive(Duration.ofHours(1)).build()) {
            var paid = engine.tickets().create("Paid for", usd("20"), "seller");
            var unpaid = engine.tickets().create("Left unpaid", usd("20"), "seller");
            engine.awaitQuiescence(QUIET);

            Order first = engine.orders().place(paid.id(), "buyer");
            engine.awaitQuiescence(QUIET);
            Payment payment = engine.payments().pay(first.id(), SimulatedPaymentGateway.VISA, "buyer", null);
            engine.awaitQuiescence(QUIET);
            assertThat(engine.payments().find(payment.id()).orElseThrow().status()).as("captured")
                    .isEqualTo(PaymentStatus.CAPTURED);

            // the first order is complete: no timer pending, and the timers' loop waits quietly
            Order second = engine.orders().place(unpaid.id(), "buyer");
            engine.awaitQuiescence(QUIET);
            clock.advance(WINDOW);
            engine.awaitQuiescence(QUIET);
            assertThat(engine.orders().find(second.id()).orElseThrow().status()).as("expired")
                    .isEqualTo(OrderStatus.CANCELLED);
        }
    }
}
