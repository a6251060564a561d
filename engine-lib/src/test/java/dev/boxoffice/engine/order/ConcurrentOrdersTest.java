package dev.boxoffice.engine.order;

import dev.boxoffice.engine.support.Stores;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.MethodSource;
import static dev.boxoffice.engine.support.EngineFixture.QUIET;
import static dev.boxoffice.engine.support.EngineFixture.engine;
import static dev.boxoffice.engine.support.EngineFixture.usd;
import static org.assertj.core.api.Assertions.assertThat;

import dev.boxoffice.engine.BoxOffice;
import dev.boxoffice.engine.support.MutableClock;
import dev.boxoffice.engine.ticket.Ticket;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@ParameterizedClass
@MethodSource("dev.boxoffice.engine.support.Stores#underTest")
class ConcurrentOrdersTest {

    @Parameter
    Stores stores;

    private static final int BUYERS = 64;

    @TempDir
    Path dir;

    @Test
    void shouldLetExactlyOneOf64ConcurrentBuyersReserveATicket() throws Exception {
        try (BoxOffice engine = engine(stores, dir, MutableClock.at("2026-05-01T00:00:00Z")).build()) {
            Ticket ticket = engine.tickets().create("Final", usd("99.99"), "seller");
            engine.awaitQuiescence(QUIET);

            CountDownLatch start = new CountDownLatch(1);
            ExecutorService pool = Executors.newFixedThreadPool(BUYERS);
            List<Future<Object>> attempts = new ArrayList<>();
            for (int i = 0; i < BUYERS; i++) {
                String buyer = "buyer-" + i;
                attempts.add(pool.submit(() -> {
                    start.await();
                    try {
                        return engine.orders().place(ticket.id(), buyer);
                    } catch (TicketAlreadyReservedException e) {
                        return e;
                    }
                }));
            }
            start.countDown();
            List<Object> outcomes = new ArrayList<>();
            for (Future<Object> attempt : attempts) {
                outcomes.add(attempt.get());
            }
            pool.shutdown();

            List<Order> placed = outcomes.stream().filter(Order.class::isInstance).map(Order.class::cast).toList();
            assertThat(placed).hasSize(1);
            assertThat(outcomes).filteredOn(TicketAlreadyReservedException.class::isInstance).hasSize(BUYERS - 1);

            engine.awaitQuiescence(QUIET);
            Ticket reserved = engine.tickets().get(ticket.id());
            assertThat(reserved.orderId()).isEqualTo(placed.get(0).id());
            assertThat(reserved.version()).isEqualTo(1);
        }
    }
}
