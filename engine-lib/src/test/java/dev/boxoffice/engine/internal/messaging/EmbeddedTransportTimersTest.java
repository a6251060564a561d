package dev.boxoffice.engine.internal.messaging;

import static org.assertj.core.api.Assertions.assertThat;

import dev.boxoffice.engine.bus.Delivery;
import dev.boxoffice.engine.bus.Subscription;
import dev.boxoffice.engine.event.EventEnvelope;
import dev.boxoffice.engine.internal.storage.Durability;
import dev.boxoffice.engine.support.ManualTicker;
import java.lang.ref.WeakReference;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An acknowledged event is let go of at once, not when the lease it was delivered under would have run out: the
 * embedded log's timers do not keep what they no longer time (they had kept every event for the ack wait, 30 s,
 * hundreds of thousands of events at the engine's pace, copied by every young collection of the heap).
 */
class EmbeddedTransportTimersTest {

    private static final int BATCH = 100;

    @TempDir
    Path dir;

    @Test
    void shouldLetGoOfAcknowledgedEventsBeforeTheirAckWaitRunsOut() throws InterruptedException {
        ManualTicker ticker = new ManualTicker(); // never moved: no lease runs out in this test
        List<WeakReference<EventEnvelope>> published = new ArrayList<>();
        int events = 4 * EmbeddedTransport.STALE_TIMERS_KEPT;
        try (EmbeddedTransport transport = EmbeddedTransport.open(dir, Durability.NORMAL, ticker,
                Duration.ofSeconds(30))) {
            Subscription orders = transport.subscribe("orders", Set.of("ticket:updated"));
            for (int i = 0; i < events; i += BATCH) {
                published.addAll(publishBatch(transport, i));
                List<Delivery> delivered = orders.fetch(BATCH, Duration.ZERO);
                assertThat(delivered).hasSize(BATCH);
                delivered.forEach(Delivery::ack);
            }
            // all but the last timers' events (the stale ones a group keeps, and a batch) must be collectable
            List<WeakReference<EventEnvelope>> early = published.subList(0,
                    events - EmbeddedTransport.STALE_TIMERS_KEPT - 2 * BATCH);
            long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
            long kept = kept(early);
            while (kept > 0 && System.nanoTime() < deadline) {
                System.gc();
                Thread.onSpinWait();
                kept = kept(early);
            }
            assertThat(kept).as("acknowledged events still held, of %d", early.size()).isZero();
        }
    }

    /** Publishes a batch and answers weak references to its events, holding nothing else of them. */
    private static List<WeakReference<EventEnvelope>> publishBatch(EmbeddedTransport transport, int first) {
        List<EventEnvelope> batch = new ArrayList<>();
        for (int i = first; i < first + BATCH; i++) {
            batch.add(new EventEnvelope(UUID.randomUUID().toString(), "ticket:updated", "t" + i, 1,
                    Instant.parse("2026-01-01T00:00:00Z"), "corr", "{}"));
        }
        transport.publish(batch);
        return batch.stream().map(WeakReference::new).toList();
    }

    private static long kept(List<WeakReference<EventEnvelope>> refs) {
        return refs.stream().filter(r -> r.get() != null).count();
    }
}
