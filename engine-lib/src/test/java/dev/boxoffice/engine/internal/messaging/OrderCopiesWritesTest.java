package dev.boxoffice.engine.internal.messaging;

import static org.assertj.core.api.Assertions.assertThat;

import dev.boxoffice.engine.Money;
import dev.boxoffice.engine.event.EventEnvelope;
import dev.boxoffice.engine.event.OrderCancelled;
import dev.boxoffice.engine.event.OrderCreated;
import dev.boxoffice.engine.event.Subject;
import dev.boxoffice.engine.internal.expiration.ExpirationService;
import dev.boxoffice.engine.internal.messaging.EventHandler.Result;
import dev.boxoffice.engine.internal.payment.PaymentService;
import dev.boxoffice.engine.internal.storage.Json;
import dev.boxoffice.engine.internal.ticket.TicketService;
import dev.boxoffice.engine.payment.SimulatedPaymentGateway;
import dev.boxoffice.engine.support.MutableClock;
import dev.boxoffice.engine.support.Stores;
import dev.boxoffice.engine.support.TempDirs;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Currency;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The tickets, expiration and payments services' copies of orders keep no inbox record of the order events: their
 * version check drops a duplicate, and two instances handling one event at once (two nodes, each given a copy)
 * still apply it once, the order's first event included, which finds no row to lock when it is checked.
 */
@ParameterizedClass
@MethodSource("dev.boxoffice.engine.support.Stores#underTest")
class OrderCopiesWritesTest {

    private static final Currency USD = Currency.getInstance("USD");
    private static final Instant AT = Instant.parse("2026-12-03T12:00:00Z");

    @Parameter
    Stores stores;

    private final Path dir = TempDirs.create("order-copies");
    private final MutableClock clock = MutableClock.at("2026-12-03T12:00:00Z");
    private ServiceDatabase db;

    @AfterEach
    void close() {
        if (db != null) {
            db.close();
        }
        TempDirs.delete(dir);
    }

    private EventHandler open(String service) {
        db = ServiceDatabase.open(stores.storage(dir), service, 3, clock, new LogSequence());
        return switch (service) {
            case "tickets" -> new TicketService(db);
            case "expiration" -> new ExpirationService(db, clock);
            case "payments" -> new PaymentService(db, new SimulatedPaymentGateway(), clock);
            default -> throw new IllegalArgumentException(service);
        };
    }

    @ParameterizedTest
    @ValueSource(strings = {"tickets", "expiration", "payments"})
    void shouldSayThatItDropsOrderDuplicatesItself_andRecordsTheRestInItsInbox(String service) {
        EventHandler copies = open(service);
        for (Subject subject : OrderChange.SUBJECTS) {
            assertThat(copies.dropsDuplicatesItself(subject)).as(subject.wireName()).isTrue();
        }
        assertThat(copies.dropsDuplicatesItself(Subject.TICKET_RESYNC_REQUESTED)).isFalse();
    }

    @ParameterizedTest
    @ValueSource(strings = {"tickets", "expiration", "payments"})
    void shouldDropAnOrderEventDeliveredAgain(String service) {
        EventHandler copies = open(service);
        String order = UUID.randomUUID().toString();
        String ticket = ticket(copies);
        EventEnvelope created = created(order, ticket);
        EventEnvelope cancelled = cancelled(order, ticket);
        assertThat(handle(copies, created)).isEqualTo(Result.APPLIED);
        assertThat(handle(copies, created)).isEqualTo(Result.DUPLICATE);
        assertThat(handle(copies, cancelled)).isEqualTo(Result.APPLIED);
        assertThat(handle(copies, cancelled)).isEqualTo(Result.DUPLICATE);
        assertThat(handle(copies, created)).as("the creation, after the cancellation").isEqualTo(Result.DUPLICATE);
    }

    @ParameterizedTest
    @ValueSource(strings = {"tickets", "expiration", "payments"})
    void shouldApplyAnOrderEventOnce_whenTwoInstancesHandleItAtOnce(String service) throws Exception {
        EventHandler copies = open(service);
        ExecutorService instances = Executors.newFixedThreadPool(2);
        try {
            for (int round = 0; round < 20; round++) {
                String order = UUID.randomUUID().toString();
                String ticket = ticket(copies);
                for (EventEnvelope event : List.of(created(order, ticket), cancelled(order, ticket))) {
                    CyclicBarrier together = new CyclicBarrier(2);
                    List<Future<Result>> results = new ArrayList<>();
                    for (int i = 0; i < 2; i++) {
                        results.add(instances.submit(() -> {
                            together.await(10, TimeUnit.SECONDS);
                            return handle(copies, event);
                        }));
                    }
                    List<Result> handled = new ArrayList<>();
                    for (Future<Result> result : results) {
                        handled.add(result.get(30, TimeUnit.SECONDS));
                    }
                    assertThat(handled).as("%s of order %d handled by two instances at once", event.subject(), round)
                            .containsExactlyInAnyOrder(Result.APPLIED, Result.DUPLICATE);
                }
            }
        } finally {
            instances.shutdownNow();
        }
    }

    /** A ticket the order holds: one the tickets service sells, so that its holder is set and released. */
    private static String ticket(EventHandler copies) {
        return copies instanceof TicketService tickets
                ? tickets.create("Seat", new Money(1_000, USD), "seller").id() : UUID.randomUUID().toString();
    }

    private Result handle(EventHandler copies, EventEnvelope event) {
        return db.inTransaction(h -> copies.handle(h, event));
    }

    private static EventEnvelope created(String order, String ticket) {
        return envelope(Subject.ORDER_CREATED, order, 0, Json.write(new OrderCreated(order, 0, "created", "buyer",
                AT.plusSeconds(900), new OrderCreated.TicketRef(ticket, new Money(1_000, USD)))));
    }

    private static EventEnvelope cancelled(String order, String ticket) {
        return envelope(Subject.ORDER_CANCELLED, order, 1,
                Json.write(new OrderCancelled(order, 1, new OrderCancelled.TicketRef(ticket))));
    }

    private static EventEnvelope envelope(Subject subject, String id, long version, String payload) {
        return new EventEnvelope(UUID.randomUUID().toString(), subject.wireName(), id, version, AT, "c-" + id,
                payload);
    }
}
