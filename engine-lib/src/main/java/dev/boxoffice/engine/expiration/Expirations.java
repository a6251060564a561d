package dev.boxoffice.engine.expiration;

import java.util.List;

/**
 * The expiration service: one durable timer per order, set by {@code order:created}, dropped by
 * {@code order:cancelled} or {@code order:completed}, firing {@code expiration:complete} once the engine's
 * clock passes the order's expiry time. Timers survive restarts; overdue ones fire at once.
 */
public interface Expirations {

    /** The timers that have not fired, soonest first. */
    List<ExpiryTimer> pending();
}
