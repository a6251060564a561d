package dev.boxoffice.engine.internal.messaging;

import static org.assertj.core.api.Assertions.assertThat;

import dev.boxoffice.engine.bus.Outboxes;
import dev.boxoffice.engine.bus.Subscription;
import dev.boxoffice.engine.event.Subject;
import dev.boxoffice.engine.internal.storage.Durability;
import dev.boxoffice.engine.support.ManualTicker;
import dev.boxoffice.engine.support.MutableClock;
import dev.boxoffice.engine.support.TempDirs;
import java.nio.file.Path;
import dev.boxoffice.engine.internal.cluster.Duty;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import dev.boxoffice.engine.support.Stores;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The relay keeps its cursor in memory and writes it at most once per interval: a relay started after a crash
 * publishes again from the written cursor, and the transport drops what it already has, so every event reaches a
 * group exactly once.
 */
@ParameterizedClass
@MethodSource("dev.boxoffice.engine.support.Stores#underTest")
class OutboxRelayTest {

    private static final Duration RETENTION = Duration.ofDays(7);

    private final Stores stores;
    private final Path dir = TempDirs.create("outbox-relay");
    private final ManualTicker ticker = new ManualTicker();
    private final MutableClock clock = MutableClock.at("2026-06-01T12:00:00Z");
    private final ServiceDatabase db;
    private final EmbeddedTransport bus = EmbeddedTransport.open(dir, Durability.NORMAL, ticker,
            Duration.ofSeconds(30));
    private final Subscription orders = bus.subscribe("orders", Set.of(Subject.TICKET_CREATED.wireName()));

    OutboxRelayTest(Stores stores) {
        this.stores = stores;
        this.db = ServiceDatabase.open(stores.storage(dir), "tickets", 2, clock, new LogSequence());
    }

    @AfterEach
    void close() {
        bus.close();
        db.close();
        TempDirs.delete(dir);
    }

    private OutboxRelay relay() {
        return new OutboxRelay(db, bus, new Activity(), 256, new OutboxEventLog(List.of(db)), ticker, clock,
                RETENTION, Duty.alwaysHeld("relay:tickets"));
    }

    private void append(int count) {
        db.inTransaction(h -> {
            for (int i = 0; i < count; i++) {
                db.outbox().append(h, Subject.TICKET_CREATED, "t" + i, 0, Map.of("n", i), "c");
            }
            return null;
        });
    }

    private long storedCursor() {
        return db.read(h -> db.outbox().publishedThrough(h).seq());
    }

    @Test
    void shouldWriteItsCursorOncePerIntervalAndRepublishOnlyWhatTheTransportDrops() {
        OutboxRelay relay = relay();
        long before = storedCursor();
        append(3);
        assertThat(relay.relayOnce()).isEqualTo(3);
        assertThat(relay.unpublished()).isZero();
        assertThat(storedCursor()).as("no write per batch").isEqualTo(before);

        append(2);
        ticker.advance(Duration.ofNanos(OutboxRelay.CURSOR_WRITE_INTERVAL_NANOS));
        assertThat(relay.relayOnce()).isEqualTo(2);
        long written = storedCursor();
        assertThat(written).isGreaterThan(before);

        append(1);
        assertThat(relay.relayOnce()).isEqualTo(1);
        assertThat(storedCursor()).isEqualTo(written);

        // a crash: the next relay starts from the written cursor and publishes the last event again
        OutboxRelay restarted = relay();
        assertThat(restarted.unpublished()).isEqualTo(1);
        assertThat(restarted.relayOnce()).isEqualTo(1);
        assertThat(orders.fetch(100, Duration.ZERO)).hasSize(6);

        // going idle writes the cursor at once
        assertThat(restarted.relayOnce()).isZero();
        assertThat(relay().unpublished()).isZero();
    }

    @Test
    void shouldPruneOnlyPublishedRowsOlderThanTheRetention_andNeverHandOutAPositionTwice() {
        OutboxRelay relay = relay();
        append(3);
        assertThat(relay.relayOnce()).isEqualTo(3);
        long lastOld = relay.state().newestPosition();
        clock.advance(RETENTION.plusMinutes(1));
        append(2);
        assertThat(relay.relayOnce()).isEqualTo(2);

        assertThat(relay.relayOnce()).as("idle: writes the cursor, prunes").isZero();
        Outboxes.State state = relay.state();
        assertThat(state.retained()).isEqualTo(2);
        assertThat(state.oldestPosition()).isEqualTo(lastOld + 1);
        assertThat(state.oldestAt()).isEqualTo(clock.instant());

        clock.advance(RETENTION.plusMinutes(1));
        assertThat(relay.relayOnce()).isZero();
        assertThat(relay.state().retained()).as("pruning waits for its interval").isEqualTo(2);
        ticker.advance(Duration.ofNanos(OutboxRelay.PRUNE_INTERVAL_NANOS));
        assertThat(relay.relayOnce()).isZero();
        assertThat(relay.state().retained()).isZero();

        // a store whose rows were all pruned still continues after the last position it handed out
        LogSequence reopened = new LogSequence();
        ServiceDatabase again = ServiceDatabase.open(stores.storage(dir), "tickets", 1, clock, reopened);
        try {
            again.inTransaction(h -> again.outbox().append(h, Subject.TICKET_CREATED, "t", 0, Map.of("n", 0), "c"));
            long position = again.read(h -> again.outbox().lastLogPosition(h));
            assertThat(position).isEqualTo(lastOld + 3);
        } finally {
            again.close();
        }
    }

    @Test
    void shouldPublishAgainFromAPositionOrATime_andKeepTheRequestAcrossACrash() {
        OutboxRelay relay = relay();
        append(2);
        clock.advance(Duration.ofMinutes(5));
        append(3);
        assertThat(relay.relayOnce()).isEqualTo(5);
        assertThat(relay.relayOnce()).isZero();
        long newest = relay.state().newestPosition();
        assertThat(relay.state().publishedThrough()).isEqualTo(newest);

        assertThat(relay.rewindSince(clock.instant())).as("the three after the pause").isEqualTo(3);
        assertThat(relay.unpublished()).isEqualTo(3);
        assertThat(relay.state().unpublished()).isEqualTo(3);
        assertThat(relay.relayOnce()).isEqualTo(3);
        assertThat(storedCursor()).as("moved back at once, then forward when idle").isLessThan(newest);
        assertThat(relay.relayOnce()).isZero();
        assertThat(storedCursor()).isEqualTo(newest);

        assertThat(relay.rewind(newest - 4)).isEqualTo(5);
        assertThat(relay.relayOnce()).isEqualTo(5); // rewound before the crash: the request survives it
        assertThat(relay().unpublished()).isEqualTo(5);
        assertThat(relay.rewindSince(clock.instant().plusSeconds(1))).as("nothing that recent").isZero();
        assertThat(orders.fetch(100, Duration.ZERO)).as("the transport dropped every copy").hasSize(5);
    }
}
