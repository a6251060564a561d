package dev.boxoffice.engine.internal.messaging;

import static org.assertj.core.api.Assertions.assertThat;

import dev.boxoffice.engine.bus.Subscription;
import dev.boxoffice.engine.event.Subject;
import dev.boxoffice.engine.internal.storage.Durability;
import dev.boxoffice.engine.support.ManualTicker;
import dev.boxoffice.engine.support.MutableClock;
import dev.boxoffice.engine.support.TempDirs;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The relay keeps its cursor in memory and writes it at most once per interval: a relay started after a crash
 * publishes again from the written cursor, and the transport drops what it already has, so every event reaches a
 * group exactly once.
 */
class OutboxRelayTest {

    private final Path dir = TempDirs.create("outbox-relay");
    private final ManualTicker ticker = new ManualTicker();
    private final ServiceDatabase db = ServiceDatabase.open(dir, "tickets", Durability.NORMAL, 2,
            MutableClock.at("2026-06-01T12:00:00Z"), new LogSequence());
    private final EmbeddedTransport bus = EmbeddedTransport.open(dir, Durability.NORMAL, ticker,
            Duration.ofSeconds(30));
    private final Subscription orders = bus.subscribe("orders", Set.of(Subject.TICKET_CREATED.wireName()));

    @AfterEach
    void close() {
        bus.close();
        db.close();
        TempDirs.delete(dir);
    }

    private OutboxRelay relay() {
        return new OutboxRelay(db, bus, new Activity(), 256, new OutboxEventLog(List.of(db)), ticker);
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
        return db.read(h -> db.outbox().publishedThrough(h));
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
}
