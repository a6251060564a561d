package dev.boxoffice.engine.replication;

/** What a versioned replica does with an incoming event. */
public enum ReplicaDecision {
    /** The event is the next version: apply it. */
    APPLY,
    /** The replica already holds this version or a newer one: acknowledge and drop the event. */
    DUPLICATE,
    /** A version in between is missing: refuse the event so that it is delivered again later. */
    OUT_OF_ORDER
}
