package dev.boxoffice.engine.replication;

/** What became of one delivery of an event to one consumer instance. */
public enum DeliveryFate {
    /** The event changed the replica or the service. */
    APPLIED,
    /** The event was dropped: already applied (same event id) or an older version. */
    DUPLICATE,
    /** The event was refused because a version before it is missing; it will be delivered again. */
    OUT_OF_ORDER,
    /** Handling failed; the event will be delivered again. */
    FAILED,
    /** The event was given up on after its last allowed delivery and set aside for an operator. */
    DEAD_LETTERED
}
