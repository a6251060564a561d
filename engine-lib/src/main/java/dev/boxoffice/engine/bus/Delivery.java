package dev.boxoffice.engine.bus;

import dev.boxoffice.engine.event.EventEnvelope;
import java.time.Duration;

/** One delivery of an event to one consumer instance; settle it exactly once with {@link #ack} or {@link #nak}. */
public interface Delivery {

    /** The delivered event. */
    EventEnvelope event();

    /** How many times this event has been delivered to this group, this delivery included (1 the first time). */
    int deliveryCount();

    /** The event is done with for this group; it is not delivered again. */
    void ack();

    /** The event is refused for now; it is delivered again after {@code delay}. */
    void nak(Duration delay);
}
