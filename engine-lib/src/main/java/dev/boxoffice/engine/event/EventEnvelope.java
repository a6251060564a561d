package dev.boxoffice.engine.event;

import java.time.Instant;
import java.util.Objects;

/**
 * One event as it travels between services: what happened ({@code subject}), to which entity
 * ({@code aggregateId}) at which of its versions, when, as part of which chain of causes, and the payload as JSON.
 *
 * <p>Immutable. The {@code eventId} is unique per event and is what consumers use to drop a redelivered
 * duplicate; the transport uses it to drop a re-published duplicate. Events caused by handling another event
 * carry that event's {@code correlationId}.
 *
 * @param eventId       unique id of this event
 * @param subject       the wire name of the subject, see {@link Subject}
 * @param aggregateId   id of the entity the event is about
 * @param version       the entity's version after the change the event records
 * @param occurredAt    when the owning service recorded the change (its injected clock)
 * @param correlationId id shared by all events of one chain of causes
 * @param payload       the subject's payload record as JSON text
 */
public record EventEnvelope(String eventId, String subject, String aggregateId, long version, Instant occurredAt,
                            String correlationId, String payload) {

    public EventEnvelope {
        Objects.requireNonNull(eventId, "eventId");
        Objects.requireNonNull(subject, "subject");
        Objects.requireNonNull(aggregateId, "aggregateId");
        Objects.requireNonNull(occurredAt, "occurredAt");
        Objects.requireNonNull(correlationId, "correlationId");
        Objects.requireNonNull(payload, "payload");
    }

    @Override
    public String toString() {
        return subject + "(" + aggregateId + " v" + version + ", event " + eventId + ")";
    }
}
