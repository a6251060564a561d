package dev.boxoffice.engine.payment;

import static dev.boxoffice.engine.support.EngineFixture.QUIET;
import static dev.boxoffice.engine.support.EngineFixture.usd;
import static org.assertj.core.api.Assertions.assertThat;

import dev.boxoffice.engine.BoxOffice;
import dev.boxoffice.engine.event.EventQuery;
import dev.boxoffice.engine.order.Order;
import dev.boxoffice.engine.order.OrderStatus;
import dev.boxoffice.engine.support.Await;
import dev.boxoffice.engine.support.MutableClock;
import dev.boxoffice.engine.support.Stores;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * An authorization left halfway (the gateway asked, the answer never recorded: its process lost the database, or
 * hangs) is resumed by the settlement duty once it is stale, without waiting for a restart; the stalled call,
 * when it returns at last, records nothing a second time.
 */
@ParameterizedClass
@MethodSource("dev.boxoffice.engine.support.Stores#underTest")
class StalledAuthorizationTest {

    @Parameter
    Stores stores;

    @TempDir
    Path dir;
    final MutableClock clock = MutableClock.at("2026-10-01T09:00:00Z");
    final SimulatedPaymentGateway simulated = new SimulatedPaymentGateway();
    final CountDownLatch firstCallMayReturn = new CountDownLatch(1);
    final CountDownLatch firstCallStarted = new CountDownLatch(1);
    final AtomicInteger calls = new AtomicInteger();
    BoxOffice engine;

    /** The first authorization hangs until the test lets it return; later ones (the resumption) go through. */
    final PaymentGateway stallingFirst = new PaymentGateway() {
        @Override
        public String authorize(ChargeRequest request) {
            if (calls.incrementAndGet() == 1) {
                firstCallStarted.countDown();
                try {
                    firstCallMayReturn.await(60, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            return simulated.authorize(request);
        }

        @Override
        public void capture(String chargeId) {
            simulated.capture(chargeId);
        }

        @Override
        public void release(String chargeId) {
            simulated.release(chargeId);
        }
    };

    @AfterEach
    void close() {
        firstCallMayReturn.countDown();
        engine.close();
    }

    @Test
    void shouldResumeAStaleAuthorization_andRecordItOnce() throws Exception {
        // an hour's lease: the settlement loop, were it to wait quietly while a payment is authorizing, would not
        // turn again for 12 minutes, and only the clock makes the authorization stale
        engine = stores.on(BoxOffice.builder(), dir).clock(clock).expiryWindow(Duration.ofMinutes(5))
                .paymentGateway(stallingFirst).leaseTimeToLive(Duration.ofHours(1)).build();
        var ticket = engine.tickets().create("Match", usd("20"), "seller");
        engine.awaitQuiescence(QUIET);
        Order order = engine.orders().place(ticket.id(), "buyer");
        engine.awaitQuiescence(QUIET);

        CompletableFuture<Payment> stalled = CompletableFuture.supplyAsync(
                () -> engine.payments().pay(order.id(), SimulatedPaymentGateway.VISA, "buyer", "key-1"));
        assertThat(firstCallStarted.await(20, TimeUnit.SECONDS)).isTrue();
        clock.advance(Duration.ofSeconds(16));

        Await.until("the stale authorization resumed and the order complete", QUIET,
                () -> engine.orders().find(order.id()).orElseThrow().status() == OrderStatus.COMPLETE
                        && engine.payments().forOrder(order.id()).get(0).status() == PaymentStatus.CAPTURED);
        firstCallMayReturn.countDown();
        Payment answered = stalled.get(20, TimeUnit.SECONDS);
        engine.awaitQuiescence(QUIET);

        assertThat(answered.status()).isIn(PaymentStatus.AUTHORIZED, PaymentStatus.CAPTURED);
        assertThat(engine.payments().forOrder(order.id())).singleElement()
                .satisfies(p -> assertThat(p.status()).isEqualTo(PaymentStatus.CAPTURED));
        assertThat(engine.events().list(new EventQuery("payment:created", null, 100)))
                .filteredOn(e -> e.aggregateId().equals(answered.id())).hasSize(1);
        assertThat(simulated.authorizations()).isEqualTo(1);
        assertThat(simulated.captured()).hasSize(1);
    }
}
