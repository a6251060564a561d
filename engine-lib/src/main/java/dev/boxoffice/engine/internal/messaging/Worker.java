package dev.boxoffice.engine.internal.messaging;

import java.time.Duration;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.IntSupplier;

/**
 * A background loop: runs a step, and when the step found nothing to do, waits until woken or until the poll
 * interval has passed. A failing step is retried after a delay that doubles, from 10 ms up to 2 s, while it keeps
 * failing. An outage (a broker down for a minute, say) is reported once when it begins and once when it ends,
 * not once per attempt.
 */
public final class Worker implements AutoCloseable {


    private final String name;
    private final IntSupplier step;
    private final Outage.Report outages;
    private final long pollNanos;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition woken = lock.newCondition();
    private boolean wakeRequested;
    private volatile boolean closed;
    private Thread thread;

    /** @param step does one round of work and returns how much it did (0 for nothing) */
    public Worker(String name, Duration pollInterval, IntSupplier step) {
        this(name, pollInterval, step, Outage.Report.LOG_LINES);
    }

    Worker(String name, Duration pollInterval, IntSupplier step, Outage.Report outages) {
        this.name = name;
        this.step = step;
        this.pollNanos = pollInterval.toNanos();
        this.outages = outages;
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
        Outage outage = new Outage(name, outages);
        while (!closed) {
            try {
                int done = step.getAsInt();
                outage.succeeded();
                if (done == 0) {
                    awaitWake(pollNanos);
                }
            } catch (RuntimeException e) {
                if (closed) {
                    return;
                }
                awaitWake(outage.failed(e));
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
