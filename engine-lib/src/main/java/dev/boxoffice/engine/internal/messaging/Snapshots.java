package dev.boxoffice.engine.internal.messaging;

import dev.boxoffice.engine.event.EventEnvelope;
import dev.boxoffice.engine.event.ResyncRequested;
import dev.boxoffice.engine.event.Subject;
import dev.boxoffice.engine.internal.storage.Json;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.ToLongFunction;
import org.jdbi.v3.core.Handle;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The owner's side of a gap repair: answers a resync request with a snapshot of the entity's current state. */
public final class Snapshots {

    private static final Logger LOG = LoggerFactory.getLogger(Snapshots.class);

    private Snapshots() {
    }

    /**
     * Appends a snapshot of the requested entity to the owner's outbox, within the handler's transaction.
     *
     * @param load    finds the entity by id in the owner's store
     * @param version the entity's current version
     * @param payload the snapshot payload (the same shape as the entity's full-state event)
     */
    public static <T> EventHandler.Result answer(ServiceDatabase db, Handle h, EventEnvelope request,
                                                 Subject snapshotSubject, Function<String, Optional<T>> load,
                                                 ToLongFunction<T> version, Function<T, Object> payload) {
        ResyncRequested asked = Json.read(request.payload(), ResyncRequested.class);
        Optional<T> entity = load.apply(asked.id());
        if (entity.isEmpty()) {
            LOG.warn("{} asked for a snapshot of {}, which does not exist", asked.requestedBy(), asked.id());
            return EventHandler.Result.DUPLICATE;
        }
        T current = entity.get();
        db.outbox().append(h, snapshotSubject, asked.id(), version.applyAsLong(current), payload.apply(current),
                request.correlationId());
        return EventHandler.Result.APPLIED;
    }
}
