package dev.boxoffice.engine.replication;

import dev.boxoffice.engine.event.EventEnvelope;

/**
 * One delivery as a consumer instance handled it, for observers such as a simulation's timeline.
 *
 * @param replicaId     the consumer instance, e.g. {@code orders-2}
 * @param group         its consumer group
 * @param event         the delivered event
 * @param deliveryCount 1 for the first delivery, more for a redelivery
 * @param fate          what became of it
 * @param atNanos       when it was handled (inside its transaction, so that an event that could only apply
 *                      after another always reads later), on the engine's {@link dev.boxoffice.engine.bus.Ticker}
 */
public record DeliveryRecord(String replicaId, String group, EventEnvelope event, int deliveryCount,
                             DeliveryFate fate, long atNanos) {

    /** Whether this was not the event's first delivery to the group. */
    public boolean redelivered() {
        return deliveryCount > 1;
    }
}
