package dev.boxoffice.server.admin;

import java.util.function.LongSupplier;
import java.util.function.Supplier;

/**
 * A count that reads a whole table, answered again from its last read while that read's cost is recent. A read that
 * took {@link #CHEAP_NANOS} or less is made anew every time, so small stores (and the tests) always see the count as
 * it stands. A costlier one is kept for {@link #PAYBACK} times what it cost, so that it takes at most about a tenth
 * of a core however many ask: on a million orders the order counts took about 0.33 s and the ticket counts 0.07 s,
 * which an open console asked for twice a second (a core of the server's two); they are now read again every 3.3 s
 * and 0.7 s. Callers at once wait for the one read under way instead of each making one.
 */
final class CostlyCount<T> {

    /** A read this quick is never kept. */
    static final long CHEAP_NANOS = 20_000_000L;
    /** A costlier read is kept for this many times what it cost. */
    static final int PAYBACK = 10;

    private final Supplier<T> read;
    private final LongSupplier nanoTime;
    private T last;
    private long readAt;
    private long cost;

    /**
     * @param read     the count, from the store
     * @param nanoTime the ticker the cost and age of a read are measured on ({@code System::nanoTime})
     */
    CostlyCount(Supplier<T> read, LongSupplier nanoTime) {
        this.read = read;
        this.nanoTime = nanoTime;
    }

    synchronized T get() {
        long now = nanoTime.getAsLong();
        if (last == null || cost <= CHEAP_NANOS || now - readAt >= PAYBACK * cost) {
            T fresh = read.get();
            long done = nanoTime.getAsLong();
            last = fresh;
            cost = done - now;
            readAt = done;
        }
        return last;
    }
}
