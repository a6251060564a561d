package dev.boxoffice.engine.internal.messaging;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * A counter of every step an event takes (committed to an outbox, published, settled), so that a waiter can
 * tell that nothing moved while it checked that everything is idle.
 */
public final class Activity {

    private final ReentrantLock lock = new ReentrantLock();
    private final Condition moved = lock.newCondition();
    private long steps;

    /** Records that something moved and wakes the waiters. */
    public void bump() {
        lock.lock();
        try {
            steps++;
            moved.signalAll();
        } finally {
            lock.unlock();
        }
    }

    /** The number of steps so far. */
    public long steps() {
        lock.lock();
        try {
            return steps;
        } finally {
            lock.unlock();
        }
    }

    /** Waits until the count differs from {@code seen}, or at most {@code maxWaitNanos}. */
    public void awaitChange(long seen, long maxWaitNanos) throws InterruptedException {
        lock.lock();
        try {
            long left = maxWaitNanos;
            while (steps == seen && left > 0) {
                left = moved.awaitNanos(left);
            }
        } finally {
            lock.unlock();
        }
    }

    /** As {@link #awaitChange(long, long)} with a unit. */
    public void awaitChange(long seen, long maxWait, TimeUnit unit) throws InterruptedException {
        awaitChange(seen, unit.toNanos(maxWait));
    }
}
