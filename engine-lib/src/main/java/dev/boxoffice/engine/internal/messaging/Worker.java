package dev.boxoffice.engine.internal.messaging;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.BooleanSupplier;
import java.util.function.IntSupplier;

/**
 * A background loop: runs a step, and when the step found nothing to do, waits until woken or until the poll
 * interval has passed. A failing step is retried after a delay that doubles, from 10 ms up to 2 s, while it keeps
 * failing. An outage (a broker down for a minute, say) is reported once when it begins and once when it ends,
 * not once per attempt.
 *
 * <p>A loop that polls for work the clock makes due (expiry timers, say) may also be told when nothing is pending
 * at all, so that only a write can make work ({@link #quietWhen}): it then waits the longer quiet interval, and
 * each {@link #changed()} (a commit of the store it reads) wakes it. A change during a round keeps the loop from
 * going quiet on what that round read.
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
    private long quietNanos;
    private BooleanSupplier nothingPending = () -> false;
    private final AtomicLong changes = new AtomicLong();
    private volatile boolean waitingQuietly;

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

    /**
     * Lets the loop wait {@code quietInterval} instead of its poll interval after a round that did nothing, while
     * {@code nothingPending} says nothing is pending that time alone could make due. Set before {@link #start()}.
     */
    public Worker quietWhen(BooleanSupplier nothingPending, Duration quietInterval) {
        this.nothingPending = nothingPending;
        this.quietNanos = quietInterval.toNanos();
        return this;
    }

    /** Says that what the loop reads has changed (a commit): wakes it if it waits quietly. */
    public void changed() {
        changes.incrementAndGet();
        if (waitingQuietly) {
            wake();
        }
    }

    /** Whether the loop waits its quiet interval now. */
    boolean waitingQuietly() {
        return waitingQuietly;
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
                long changesBefore = changes.get();
                int done = step.getAsInt();
                outage.succeeded();
                if (done == 0) {
                    if (quiet(changesBefore)) {
                        awaitWake(quietNanos);
                        waitingQuietly = false;
                    } else {
                        awaitWake(pollNanos);
                    }
                }
            } catch (RuntimeException e) {
                if (closed) {
                    return;
                }
                awaitWake(outage.failed(e));
            }
        }
    }

    /**
     * Whether the loop may wait quietly after a round that began at {@code changesBefore} changes. Said waiting
     * before the changes are read again: a change after that read sees it, and wakes the loop.
     */
    private boolean quiet(long changesBefore) {
        if (quietNanos == 0) {
            return false;
        }
        waitingQuietly = true;
        if (changes.get() != changesBefore || !nothingPending.getAsBoolean()) {
            waitingQuietly = false;
            return false;
        }
        return true;
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
