package dev.boxoffice.engine.internal.messaging;

import static org.assertj.core.api.Assertions.assertThat;

import dev.boxoffice.engine.bus.Delivery;
import dev.boxoffice.engine.bus.Subscription;
import dev.boxoffice.engine.event.Subject;
import dev.boxoffice.engine.internal.storage.Durability;
import dev.boxoffice.engine.support.ManualTicker;
import dev.boxoffice.engine.support.MutableClock;
import dev.boxoffice.engine.support.Stores;
import dev.boxoffice.engine.support.TempDirs;
import java.nio.file.Path;
import dev.boxoffice.engine.internal.cluster.Duty;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * On PostgreSQL several transactions append to one outbox at once, and a row's position is taken at insert, not at
 * commit: a transaction that commits late leaves its row below positions already committed, and perhaps already
 * published. The relay must neither skip that row nor publish past it. (On SQLite a file has one writer at a time,
 * so the situation cannot arise.)
 */
class LateCommitOutboxTest {

    private final Path dir = TempDirs.create("late-commit");
    private final ManualTicker ticker = new ManualTicker();
    private final MutableClock clock = MutableClock.at("2026-12-02T12:00:00Z");
    private final ServiceDatabase db = ServiceDatabase.open(Stores.postgres(dir), "tickets", 4, clock,
            new LogSequence());
    private final EmbeddedTransport bus = EmbeddedTransport.open(dir, Durability.NORMAL, ticker,
            Duration.ofSeconds(30));
    private final Subscription orders = bus.subscribe("orders", Set.of(Subject.TICKET_CREATED.wireName()));
    private final OutboxRelay relay = new OutboxRelay(db, bus, new Activity(), 256, new OutboxEventLog(List.of(db)),
            ticker, clock, Duration.ofDays(7), Duty.alwaysHeld("relay:orders"));

    @AfterEach
    void close() {
        bus.close();
        db.close();
        TempDirs.delete(dir);
    }

    private void append(String ticketId) {
        db.inTransaction(h -> db.outbox().append(h, Subject.TICKET_CREATED, ticketId, 0, Map.of("id", ticketId), "c"));
    }

    @Test
    void shouldPublishARowWhoseTransactionCommitsAfterALaterOne_andNothingPastIt() throws Exception {
        append("before");
        assertThat(relay.relayOnce()).isEqualTo(1);

        CountDownLatch appended = new CountDownLatch(1);
        CountDownLatch commit = new CountDownLatch(1);
        CompletableFuture<Object> slow = CompletableFuture.supplyAsync(() -> db.inTransaction(h -> {
            db.outbox().append(h, Subject.TICKET_CREATED, "early", 0, Map.of("id", "early"), "c");
            appended.countDown();
            await(commit);
            return null;
        }));
        assertThat(appended.await(20, TimeUnit.SECONDS)).isTrue();
        append("late"); // a later position, committed first
        assertThat(relay.relayOnce()).as("nothing past a transaction still running").isZero();
        assertThat(relay.unpublished()).as("the committed row waits, counted").isEqualTo(1);

        commit.countDown();
        slow.get(20, TimeUnit.SECONDS);
        assertThat(position("early")).as("positions are taken at insert").isLessThan(position("late"));
        assertThat(relay.relayOnce()).isEqualTo(2);
        assertThat(relay.unpublished()).isZero();
        assertThat(orders.fetch(100, Duration.ZERO)).extracting(Delivery::event)
                .extracting(e -> e.aggregateId())
                .containsExactly("before", "early", "late");
    }

    private long position(String ticketId) {
        return db.read(h -> h.createQuery("SELECT seq FROM outbox WHERE aggregate_id = :id").bind("id", ticketId)
                .mapTo(Long.class).one());
    }

    private static void await(CountDownLatch latch) {
        try {
            if (!latch.await(20, TimeUnit.SECONDS)) {
                throw new IllegalStateException("not released");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
