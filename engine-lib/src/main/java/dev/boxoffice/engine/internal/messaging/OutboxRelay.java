package dev.boxoffice.engine.internal.messaging;

import dev.boxoffice.engine.bus.Transport;
import dev.boxoffice.engine.event.EventEnvelope;
import java.time.Duration;
import java.util.List;

/**
 * Publishes a service's outbox to the transport in order, marking rows published only after the transport has
 * accepted them. A crash between the two re-publishes the rows, which the transport drops by event id: no
 * committed event is ever lost, none is delivered twice because of the relay.
 */
public final class OutboxRelay implements AutoCloseable {

    private static final Duration IDLE_POLL = Duration.ofMillis(250);

    private final ServiceDatabase db;
    private final Transport transport;
    private final Activity activity;
    private final int batchSize;
    private final OutboxEventLog eventLog;
    private final Worker worker;

    public OutboxRelay(ServiceDatabase db, Transport transport, Activity activity, int batchSize,
                       OutboxEventLog eventLog) {
        this.db = db;
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
        List<Outbox.Row> rows = db.read(h -> db.outbox().unpublished(h, batchSize));
        if (rows.isEmpty()) {
            return 0;
        }
        List<EventEnvelope> events = rows.stream().map(Outbox.Row::event).toList();
        transport.publish(events);
        long last = rows.get(rows.size() - 1).seq();
        db.bookkeeping(h -> {
            db.outbox().markPublished(h, last);
            return null;
        });
        activity.bump();
        eventLog.published(events);
        return rows.size();
    }

    @Override
    public void close() {
        worker.close();
    }
}
