package dev.boxoffice.engine.internal.order;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.boxoffice.engine.Money;
import dev.boxoffice.engine.event.EventEnvelope;
import dev.boxoffice.engine.event.Subject;
import dev.boxoffice.engine.event.TicketCreated;
import dev.boxoffice.engine.event.TicketUpdated;
import dev.boxoffice.engine.internal.messaging.EventHandler.Result;
import dev.boxoffice.engine.internal.messaging.LogSequence;
import dev.boxoffice.engine.internal.messaging.ServiceDatabase;
import dev.boxoffice.engine.internal.storage.Json;
import dev.boxoffice.engine.order.TicketReplica;
import dev.boxoffice.engine.replication.OutOfOrderEventException;
import dev.boxoffice.engine.support.MutableClock;
import dev.boxoffice.engine.support.Stores;
import dev.boxoffice.engine.support.TempDirs;
import java.nio.file.Path;
import java.time.Duration;
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
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The orders service's replica of tickets, written straight through its event handler: the next version is applied,
 * an older one dropped, a later one refused, a snapshot may jump ahead; and with no inbox record to meet at, two
 * instances handling one event at once still apply it once.
 */
@ParameterizedClass
@MethodSource("dev.boxoffice.engine.support.Stores#underTest")
class TicketReplicaWritesTest {

    private static final Currency USD = Currency.getInstance("USD");
    private static final String T1 = UUID.randomUUID().toString();
    private static final String T2 = UUID.randomUUID().toString();
    private static final String T3 = UUID.randomUUID().toString();
    private static final String T4 = UUID.randomUUID().toString();

    private final Path dir = TempDirs.create("ticket-replica");
    private final MutableClock clock = MutableClock.at("2026-12-03T12:00:00Z");
    private final ServiceDatabase db;
    private final OrderService orders;

    TicketReplicaWritesTest(Stores stores) {
        this.db = ServiceDatabase.open(stores.storage(dir), "orders", 3, clock, new LogSequence());
        this.orders = new OrderService(db, clock, Duration.ofMinutes(15), true);
    }

    @AfterEach
    void close() {
        db.close();
        TempDirs.delete(dir);
    }

    @Test
    void shouldApplyTheNextVersion_dropAnOlderOne_andRefuseALaterOne() {
        assertThat(handle(created(T1, "Opening night", 1_000))).isEqualTo(Result.APPLIED);
        assertThat(handle(created(T1, "Opening night", 1_000))).as("the creation again").isEqualTo(Result.DUPLICATE);
        assertThatThrownBy(() -> handle(updated(Subject.TICKET_UPDATED, T1, 2, "Matinee", 900)))
                .isInstanceOf(OutOfOrderEventException.class)
                .hasMessageContaining("expected version 1");
        assertThat(handle(updated(Subject.TICKET_UPDATED, T1, 1, "Evening", 1_200))).isEqualTo(Result.APPLIED);
        assertThat(handle(updated(Subject.TICKET_UPDATED, T1, 2, "Matinee", 900))).isEqualTo(Result.APPLIED);
        assertThat(handle(updated(Subject.TICKET_UPDATED, T1, 1, "Evening", 1_200))).isEqualTo(Result.DUPLICATE);
        assertThat(orders.ticketReplica(T1)).contains(replica(T1, "Matinee", 900, 2));
    }

    @Test
    void shouldRefuseAnEdit_ofATicketItHasNotSeenCreated() {
        assertThatThrownBy(() -> handle(updated(Subject.TICKET_UPDATED, T2, 3, "Late", 500)))
                .isInstanceOf(OutOfOrderEventException.class)
                .hasMessageContaining("expected version 0");
        assertThat(orders.ticketReplica(T2)).as("nothing written for it").isEmpty();
    }

    @Test
    void shouldLetASnapshotJumpAhead_butNeverBack() {
        assertThat(handle(updated(Subject.TICKET_SNAPSHOT, T3, 4, "Repaired", 700))).isEqualTo(Result.APPLIED);
        assertThat(handle(updated(Subject.TICKET_SNAPSHOT, T3, 2, "Stale", 100))).isEqualTo(Result.DUPLICATE);
        assertThat(handle(updated(Subject.TICKET_SNAPSHOT, T3, 4, "Repaired", 700))).isEqualTo(Result.DUPLICATE);
        assertThat(handle(updated(Subject.TICKET_UPDATED, T3, 5, "Next", 800))).isEqualTo(Result.APPLIED);
        assertThat(orders.ticketReplica(T3)).contains(replica(T3, "Next", 800, 5));
    }

    @Test
    void shouldApplyAnEventOnce_whenTwoInstancesHandleItAtOnce() throws Exception {
        ExecutorService instances = Executors.newFixedThreadPool(2);
        try {
            for (int version = 0; version < 20; version++) {
                EventEnvelope event = version == 0 ? created(T4, "Race", 100)
                        : updated(Subject.TICKET_UPDATED, T4, version, "Race " + version, 100 + version);
                CyclicBarrier together = new CyclicBarrier(2);
                List<Future<Result>> results = new ArrayList<>();
                for (int i = 0; i < 2; i++) {
                    results.add(instances.submit(() -> {
                        together.await(10, TimeUnit.SECONDS);
                        return handle(event);
                    }));
                }
                List<Result> handled = new ArrayList<>();
                for (Future<Result> result : results) {
                    handled.add(result.get(30, TimeUnit.SECONDS));
                }
                assertThat(handled).as("version %d handled by two instances at once", version)
                        .containsExactlyInAnyOrder(Result.APPLIED, Result.DUPLICATE);
            }
        } finally {
            instances.shutdownNow();
        }
        assertThat(orders.ticketReplica(T4)).contains(replica(T4, "Race 19", 119, 19));
    }

    @Test
    void shouldSayThatItDropsTicketDuplicatesItself_butNotThoseOfOtherEvents() {
        assertThat(orders.dropsDuplicatesItself(Subject.TICKET_UPDATED)).isTrue();
        assertThat(orders.dropsDuplicatesItself(Subject.PAYMENT_CREATED)).isFalse();
        assertThat(new OrderService(db, clock, Duration.ofMinutes(15), false)
                .dropsDuplicatesItself(Subject.TICKET_UPDATED)).as("with the version check off").isFalse();
    }

    private Result handle(EventEnvelope event) {
        return db.inTransaction(h -> orders.handle(h, event));
    }

    private static EventEnvelope created(String id, String title, long cents) {
        return envelope(Subject.TICKET_CREATED, id, 0,
                Json.write(new TicketCreated(id, 0, title, new Money(cents, USD), "seller")));
    }

    private static EventEnvelope updated(Subject subject, String id, long version, String title, long cents) {
        return envelope(subject, id, version,
                Json.write(new TicketUpdated(id, version, title, new Money(cents, USD), "seller", null)));
    }

    private static EventEnvelope envelope(Subject subject, String id, long version, String payload) {
        return new EventEnvelope(UUID.randomUUID().toString(), subject.wireName(), id, version,
                Instant.parse("2026-12-03T12:00:00Z"), "c-" + id, payload);
    }

    private static TicketReplica replica(String id, String title, long cents, long version) {
        return new TicketReplica(id, title, new Money(cents, USD), "seller", version);
    }
}
