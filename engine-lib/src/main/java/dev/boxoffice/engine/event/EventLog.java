package dev.boxoffice.engine.event;

import java.util.List;
import java.util.function.Consumer;

/**
 * Every event the engine's services have published or are about to publish, for an operator: a filtered list,
 * and a live feed.
 */
public interface EventLog {

    /**
     * The matching events, oldest first (in the order they were recorded, causes before effects). Events still
     * waiting in an outbox are included: they are committed and will be published.
     *
     * @throws dev.boxoffice.engine.ValidationException on field {@code query} if it is null
     * @throws IllegalStateException                    once the engine is closed
     */
    List<EventEnvelope> list(EventQuery query);

    /**
     * Calls {@code listener} with every event once the transport has accepted it, on the publishing thread
     * (keep it quick; an exception it throws is logged and ignored). Close the returned handle to stop.
     *
     * @throws dev.boxoffice.engine.ValidationException on field {@code listener} if it is null
     * @throws IllegalStateException                    once the engine is closed
     */
    Registration subscribe(Consumer<EventEnvelope> listener);

    /** A listener's registration; closing it stops the calls, and throws nothing. */
    interface Registration extends AutoCloseable {
        @Override
        void close();
    }
}
