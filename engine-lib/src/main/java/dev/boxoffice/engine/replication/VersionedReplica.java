package dev.boxoffice.engine.replication;

import java.util.OptionalLong;

/**
 * The optimistic-concurrency rule of a replica of another service's entity.
 *
 * <p>An entity's owner adds 1 to its version on every change and publishes the new version. A replica applies
 * an event only when it holds exactly the version before; an older or equal version is a duplicate, a newer
 * one means an event in between has not arrived yet. Several replica instances handling one entity's events
 * at once therefore can never overwrite newer data with older data.
 */
public final class VersionedReplica {

    /** The version a replica "holds" for an entity it has never seen: the first event, version 0, applies. */
    public static final long UNKNOWN = -1;

    private VersionedReplica() {
    }

    /**
     * Decides what to do with an event carrying {@code eventVersion} when the replica holds {@code stored}
     * (empty for an entity it has never seen).
     */
    public static ReplicaDecision decide(OptionalLong stored, long eventVersion) {
        return decide(stored.orElse(UNKNOWN), eventVersion);
    }

    /** As {@link #decide(OptionalLong, long)}, with {@link #UNKNOWN} for an entity never seen. */
    public static ReplicaDecision decide(long storedVersion, long eventVersion) {
        if (eventVersion < 0) {
            throw new IllegalArgumentException("event version must be >= 0, was " + eventVersion);
        }
        if (eventVersion <= storedVersion) {
            return ReplicaDecision.DUPLICATE;
        }
        return eventVersion == storedVersion + 1 ? ReplicaDecision.APPLY : ReplicaDecision.OUT_OF_ORDER;
    }

    /**
     * Applies the rule and throws when the event is out of order, so that the consumer refuses it.
     *
     * @return true to apply, false for a duplicate to drop
     * @throws OutOfOrderEventException when a version in between is missing
     */
    public static boolean shouldApply(String entity, String id, long storedVersion, long eventVersion) {
        return switch (decide(storedVersion, eventVersion)) {
            case APPLY -> true;
            case DUPLICATE -> false;
            case OUT_OF_ORDER -> throw new OutOfOrderEventException(entity, id, storedVersion + 1, eventVersion);
        };
    }
}
