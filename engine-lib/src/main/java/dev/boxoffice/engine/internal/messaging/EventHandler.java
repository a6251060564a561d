package dev.boxoffice.engine.internal.messaging;

import dev.boxoffice.engine.event.EventEnvelope;
import dev.boxoffice.engine.event.Subject;
import org.jdbi.v3.core.Handle;

/**
 * A service's reaction to one event, run inside the transaction that also records the event as processed.
 * It throws {@link dev.boxoffice.engine.replication.OutOfOrderEventException} to refuse an event that came too
 * early; any other exception is a failure to retry.
 */
@FunctionalInterface
public interface EventHandler {

    /** What the event did. */
    enum Result { APPLIED, DUPLICATE }

    Result handle(Handle handle, EventEnvelope event);

    /**
     * Whether this handler drops a second delivery of events of {@code subject} by itself, so that its consumer
     * group need not record them in its inbox: a versioned replica's writes, where an event at or below the version
     * held is a duplicate. Two instances handling one such event at once meet at the replica's row, and the second
     * finds the version written. False unless a handler says so.
     */
    default boolean dropsDuplicatesItself(Subject subject) {
        return false;
    }

    /**
     * The subject of an event a service subscribed to.
     *
     * @throws IllegalArgumentException for a subject the engine does not know
     */
    static Subject subjectOf(EventEnvelope event) {
        return Subject.fromWireName(event.subject())
                .orElseThrow(() -> new IllegalArgumentException("Unknown subject " + event.subject()));
    }
}
