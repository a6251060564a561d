package dev.boxoffice.engine.internal.messaging;

import dev.boxoffice.engine.bus.Ticker;
import dev.boxoffice.engine.replication.DeliveryRecord;
import java.time.Duration;
import java.util.function.Consumer;

/**
 * How consumers treat refusals and failures.
 *
 * @param maxDeliveries  deliveries after which an event that still fails is set aside as a dead letter (one
 *                       refused as out of order, besides, only after the transport's ack wait)
 * @param gapRepairAfter refusals of an out-of-order event after which the owner is asked for a snapshot
 * @param backoffBase    the delay before the first redelivery of a refused event; doubled each time
 * @param backoffMax     the longest delay before a redelivery
 * @param fetchBatch     deliveries taken per fetch
 * @param pollWait       the longest a consumer waits for a delivery before looking again
 * @param ticker         the clock of {@link DeliveryRecord#atNanos()}
 * @param observer       told of every settled delivery, on the consumer's thread
 * @param entityAffinity whether a group's instances in this process hand one entity's events to one instance at a
 *                       time ({@link EntityClaims}), or race for them
 * @param nodeId         the node (engine) the instances run in, part of their names: {@code orders@node-1#2}
 */
public record ConsumerSettings(int maxDeliveries, int gapRepairAfter, Duration backoffBase, Duration backoffMax,
                               int fetchBatch, Duration pollWait, Ticker ticker, Consumer<DeliveryRecord> observer,
                               boolean entityAffinity, String nodeId) {

    public ConsumerSettings {
        if (maxDeliveries < 1) {
            throw new IllegalArgumentException("maxDeliveries must be >= 1, was " + maxDeliveries);
        }
        if (gapRepairAfter < 1) {
            throw new IllegalArgumentException("gapRepairAfter must be >= 1, was " + gapRepairAfter);
        }
        if (fetchBatch < 1) {
            throw new IllegalArgumentException("fetchBatch must be >= 1, was " + fetchBatch);
        }
    }

    /** The delay before delivery number {@code deliveryCount + 1} of a refused event. */
    Duration backoff(int deliveryCount) {
        long base = backoffBase.toNanos();
        int shift = Math.min(Math.max(deliveryCount - 1, 0), 20);
        return Duration.ofNanos(Math.min(backoffMax.toNanos(), base << shift));
    }
}
