package dev.boxoffice.engine.internal.messaging;

import dev.boxoffice.engine.bus.Ticker;
import dev.boxoffice.engine.bus.Transport;
import dev.boxoffice.engine.event.EventEnvelope;
import java.time.Duration;
import java.util.List;

/**
 * Publishes a service's outbox to the transport in order, moving its cursor past rows only after the transport has
 * accepted them. The cursor lives in memory and is written to the store at most every
 * {@link #CURSOR_WRITE_INTERVAL_NANOS} while the relay publishes (and when it goes idle or closes), not with a
 * commit per batch: after a crash the relay publishes again from the stored cursor, and the transport drops what it
 * already has by event id. No committed event is ever lost, none is delivered twice because of the relay.
 */
public final class OutboxRelay implements AutoCloseable {

    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(OutboxRelay.class);
    private static final Duration IDLE_POLL = Duration.ofMillis(250);
    /** At most this long between writes of the cursor while events are being published. */
    static final long CURSOR_WRITE_INTERVAL_NANOS = 100_000_000L;

    private final ServiceDatabase db;
    private final Transport transport;
    private final Activity activity;
    private final int batchSize;
    private final OutboxEventLog eventLog;
    private final Worker worker;
    private final Ticker ticker;
    /** Every row at or below this position is published; ahead of the stored cursor by what is not written yet. */
    private volatile long publishedThrough;
    private long cursorWritten;
    private long cursorWrittenAt;

    public OutboxRelay(ServiceDatabase db, Transport transport, Activity activity, int batchSize,
                       OutboxEventLog eventLog, Ticker ticker) {
        this.db = db;
        this.ticker = ticker;
        this.publishedThrough = db.read(h -> db.outbox().publishedThrough(h));
        this.cursorWritten = publishedThrough;
        this.cursorWrittenAt = ticker.read();
        this.eventLog = eventLog;
        this.transport = transport;
        this.activity = activity;
        this.batchSize = batchSize;
        this.worker = new Worker(db.name() + "-relay", IDLE_POLL, this::relayOnce);
        db.onCommit(this::wake);
    }

    public void start() {
        worker.start();
    }

    /** Tells the relay that the outbox may have new rows. */
    public void wake() {
        worker.wake();
        activity.bump();
    }

    /** Publishes one batch; returns how many events it published. */
    int relayOnce() {
        List<Outbox.Row> rows = db.read(h -> db.outbox().after(h, publishedThrough, batchSize));
        if (rows.isEmpty()) {
            writeCursor(true);
            return 0;
        }
        List<EventEnvelope> events = rows.stream().map(Outbox.Row::event).toList();
        transport.publish(events);
        publishedThrough = rows.get(rows.size() - 1).seq();
        activity.bump();
        eventLog.published(events);
        writeCursor(false);
        return rows.size();
    }

    /** Events committed to the outbox and not yet handed to the transport. */
    public long unpublished() {
        return db.read(h -> db.outbox().countAfter(h, publishedThrough));
    }

    public String name() {
        return db.name();
    }

    /** Writes the cursor if it moved and the interval has passed, or whenever it moved if {@code now}. */
    private void writeCursor(boolean now) {
        long through = publishedThrough;
        long at = ticker.read();
        if (through > cursorWritten && (now || at - cursorWrittenAt >= CURSOR_WRITE_INTERVAL_NANOS)) {
            db.bookkeeping(h -> {
                db.outbox().markPublished(h, through);
                return null;
            });
            cursorWritten = through;
            cursorWrittenAt = at;
        }
    }

    @Override
    public void close() {
        worker.close();
        try {
            writeCursor(true);
        } catch (RuntimeException e) {
            // the next start publishes again from the stored cursor; the transport drops the repeats
            LOG.warn("{}: could not keep the relay's cursor at close: {}", db.name(), e.toString());
        }
    }
}
