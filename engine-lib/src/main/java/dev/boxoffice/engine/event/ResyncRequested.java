package dev.boxoffice.engine.event;

/**
 * Payload of the {@code *:resync-requested} subjects: a replica holds {@code knownVersion} of an entity (-1 when
 * it does not know the entity at all) and keeps refusing newer events for it, so it asks the owner for a snapshot.
 */
public record ResyncRequested(String id, long knownVersion, String requestedBy) {
}
