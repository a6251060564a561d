package dev.boxoffice.engine.bus;

import java.time.Duration;
import java.util.List;

/** One competing instance's view of a consumer group. Used by one thread at a time. */
public interface Subscription {

    /**
     * Takes up to {@code max} deliveries that are due, waiting up to {@code maxWait} for one to become due.
     * Returns an empty list when none came in time or the transport was closed.
     */
    List<Delivery> fetch(int max, Duration maxWait);

    /** How many events of this group are not yet acknowledged (undelivered, in flight or waiting to return). */
    long backlog();

    /**
     * Acknowledges several deliveries of this subscription at once. The default acks them one by one; a transport
     * may settle them in one round trip.
     */
    default void ack(List<Delivery> deliveries) {
        deliveries.forEach(Delivery::ack);
    }
}
