package dev.boxoffice.engine.bus;

import dev.boxoffice.engine.event.EventEnvelope;
import java.time.Duration;
import java.util.List;
import java.util.Set;

/**
 * The service provider interface of the event bus: a durable log with consumer groups.
 *
 * <p>Guarantees an implementation must give:
 * <ul>
 *   <li>{@link #publish} returns only once the events are durable; publishing an event whose id was already
 *       published is a no-op (the outbox relay may publish twice after a crash).</li>
 *   <li>Every event is delivered at least once to every group whose subjects match it; instances of one group
 *       compete, so each delivery goes to one instance. Order is not guaranteed.</li>
 *   <li>A delivery that is neither acknowledged nor refused within the ack wait is delivered again; a refused
 *       ({@link Delivery#nak}) delivery comes back after its delay.</li>
 * </ul>
 * Dead-lettering, idempotency and version checks are done by the engine above this interface, so a transport
 * stays small: the embedded SQLite log and NATS JetStream both fit it.
 */
public interface Transport extends AutoCloseable {

    /** Makes the events durable in the log, in the given order; ids already in the log are skipped. */
    void publish(List<EventEnvelope> events);

    /**
     * Joins consumer group {@code group}, created on first use with the given subjects (wire names); a new
     * group receives every matching event already in the log. Call once per competing instance.
     */
    Subscription subscribe(String group, Set<String> subjects);

    /**
     * How long a delivery may stay unsettled before it is delivered again: the longest an event handed to an
     * instance that then vanished (crashed, or lost its connection) stays away. The engine sets no event aside as
     * out of order before this long has passed, so that the event before it can come back.
     */
    Duration ackWait();

    /** Releases the transport's resources; subscriptions stop delivering. */
    @Override
    void close();
}
