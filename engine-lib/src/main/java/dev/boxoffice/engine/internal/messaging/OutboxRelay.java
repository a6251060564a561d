package dev.boxoffice.engine.internal.messaging;

import dev.boxoffice.engine.bus.Transport;
import dev.boxoffice.engine.event.EventEnvelope;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Publishes a service's outbox to the transport in order, marking rows published only after the transport has
 * accepted them. A crash between the two re-publishes the rows, which the transport drops by event id: no
 * committed event is ever lost, none is delivered twice because of the relay.
 */
public final class OutboxRelay implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(OutboxRelay.class);
    private static final long IDLE_WAIT_MS = 250;
    private static final long MAX_BACKOFF_MS = 2_000;

    private final ServiceDatabase db;
    private final Transport transport;
    private final Activity activity;
    private final int batchSize;
    private final OutboxEventLog eventLog;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition woken = lock.newCondition();
    private boolean wakeRequested;
    private volatile boolean closed;
    private Thread thread;

    public OutboxRelay(ServiceDatabase db, Transport transport, Activity activity, int batchSize,
                       OutboxEventLog eventLog) {
        this.db = db;
        this.eventLog = eventLog;
        this.transport = transport;
        this.activity = activity;
        this.batchSize = batchSize;
        db.onCommit(this::wake);
    }

    public void start() {
        thread = new Thread(this::run, "boxoffice-" + db.name() + "-relay");
        thread.setDaemon(true);
        thread.start();
    }

    /** Tells the relay that the outbox may have new rows. */
    public void wake() {
        lock.lock();
        try {
            wakeRequested = true;
            woken.signalAll();
        } finally {
            lock.unlock();
        }
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
        db.read(h -> {
            db.outbox().markPublished(h, last);
            return null;
        });
        activity.bump();
        eventLog.published(events);
        return rows.size();
    }

    private void run() {
        long backoffMs = 10;
        while (!closed) {
            try {
                if (relayOnce() == 0) {
                    awaitWake(IDLE_WAIT_MS);
                }
                backoffMs = 10;
            } catch (RuntimeException e) {
                if (closed) {
                    return;
                }
                LOG.warn("Relay of {} failed, retrying in {} ms: {}", db.name(), backoffMs, e.toString());
                awaitWake(backoffMs);
                backoffMs = Math.min(MAX_BACKOFF_MS, backoffMs * 2);
            }
        }
    }

    private void awaitWake(long millis) {
        lock.lock();
        try {
            long left = TimeUnit.MILLISECONDS.toNanos(millis);
            while (!wakeRequested && !closed && left > 0) {
                left = woken.awaitNanos(left);
            }
            wakeRequested = false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            closed = true;
        } finally {
            lock.unlock();
        }
    }

    @Override
    public void close() {
        closed = true;
        wake();
        if (thread != null) {
            try {
                thread.join(10_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
