package dev.boxoffice.engine.internal.messaging;

import java.time.Duration;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.IntSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A background loop: runs a step, and when the step found nothing to do, waits until woken or until the poll
 * interval has passed. A failing step is logged and retried after a delay that doubles, from 10 ms up to 2 s,
 * while it keeps failing.
 */
public final class Worker implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(Worker.class);
    private static final long FIRST_BACKOFF_NANOS = 10_000_000L;
    private static final long MAX_BACKOFF_NANOS = 2_000_000_000L;

    private final String name;
    private final IntSupplier step;
    private final long pollNanos;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition woken = lock.newCondition();
    private boolean wakeRequested;
    private volatile boolean closed;
    private Thread thread;

    /** @param step does one round of work and returns how much it did (0 for nothing) */
    public Worker(String name, Duration pollInterval, IntSupplier step) {
        this.name = name;
        this.step = step;
        this.pollNanos = pollInterval.toNanos();
    }

    public void start() {
        thread = new Thread(this::run, "boxoffice-" + name);
        thread.setDaemon(true);
        thread.start();
    }

    public void wake() {
        lock.lock();
        try {
            wakeRequested = true;
            woken.signalAll();
        } finally {
            lock.unlock();
        }
    }

    private void run() {
        long backoff = FIRST_BACKOFF_NANOS;
        while (!closed) {
            try {
                if (step.getAsInt() == 0) {
                    awaitWake(pollNanos);
                }
                backoff = FIRST_BACKOFF_NANOS;
            } catch (RuntimeException e) {
                if (closed) {
                    return;
                }
                LOG.warn("{} failed, retrying in {} ms: {}", name, backoff / 1_000_000, e.toString());
                awaitWake(backoff);
                backoff = Math.min(MAX_BACKOFF_NANOS, backoff * 2);
            }
        }
    }

    private void awaitWake(long nanos) {
        lock.lock();
        try {
            long left = nanos;
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
