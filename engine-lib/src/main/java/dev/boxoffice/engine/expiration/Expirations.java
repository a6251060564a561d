package dev.boxoffice.engine.expiration;

import java.util.List;

/**
 * The expiration service: one durable timer per order, set by {@code order:created}, dropped by
 * {@code order:cancelled} or {@code order:completed}, firing {@code expiration:complete} once the engine's
 * clock passes the order's expiry time. Timers survive restarts; overdue ones fire at once.
 */
public interface Expirations {

    /** Every timer that has not fired, soonest first. Reads them all: for an operator's screen use {@link #page}. */
    List<ExpiryTimer> pending();

    /**
     * At most {@code limit} timers that have not fired, soonest first (ties by order id), starting right after the
     * timer of order {@code afterOrderId}, or from the soonest when it is null. The next page starts after the
     * last timer of this one; a timer that fired or was dropped since still marks its place.
     *
     * @throws dev.boxoffice.engine.NotFoundException   if the service has no timer for order {@code afterOrderId}
     * @throws dev.boxoffice.engine.ValidationException if {@code afterOrderId} is not an id or {@code limit} is
     *                                                  not positive
     */
    List<ExpiryTimer> page(String afterOrderId, int limit);

    /** How many timers have not fired, and how many of those are overdue; counted in the store, not read. */
    Counts counts();

    /**
     * Timer counts for a dashboard.
     *
     * @param pending the timers that have not fired
     * @param overdue those whose time has passed: the service is behind (or stopped)
     */
    record Counts(long pending, long overdue) {
    }
}
