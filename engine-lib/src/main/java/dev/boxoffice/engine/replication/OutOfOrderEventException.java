package dev.boxoffice.engine.replication;

import dev.boxoffice.engine.BoxOfficeException;

/**
 * An event arrived before the version that must precede it. The consumer refuses it and it is delivered again
 * later; it is not an error of the event.
 */
public class OutOfOrderEventException extends BoxOfficeException {

    private final String entity;
    private final String id;
    private final long expectedVersion;
    private final long actualVersion;

    public OutOfOrderEventException(String entity, String id, long expectedVersion, long actualVersion) {
        super("Out of order: " + entity + " " + id + " expected version " + expectedVersion + " but got "
                + actualVersion);
        this.entity = entity;
        this.id = id;
        this.expectedVersion = expectedVersion;
        this.actualVersion = actualVersion;
    }

    /** What kind of entity, e.g. {@code "ticket"}. */
    public String entity() {
        return entity;
    }

    public String id() {
        return id;
    }

    /** The version the replica can apply next. */
    public long expectedVersion() {
        return expectedVersion;
    }

    /** The version the event carried. */
    public long actualVersion() {
        return actualVersion;
    }

    /** The version the replica holds ({@link VersionedReplica#UNKNOWN} if none). */
    public long knownVersion() {
        return expectedVersion - 1;
    }
}
