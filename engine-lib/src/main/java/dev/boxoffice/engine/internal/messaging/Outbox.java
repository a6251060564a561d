package dev.boxoffice.engine.internal.messaging;

import dev.boxoffice.engine.internal.storage.Instants;
import dev.boxoffice.engine.event.EventEnvelope;
import dev.boxoffice.engine.event.Subject;
import dev.boxoffice.engine.internal.storage.Json;
import java.time.Clock;
import java.util.List;
import java.util.UUID;
import org.jdbi.v3.core.Handle;

/**
 * A service's transactional outbox: an event is appended in the same transaction as the change it records,
 * and the {@link OutboxRelay} publishes it afterwards. Rows are kept, marked published, as the service's
 * history of what it published.
 */
public final class Outbox {

    /** An unpublished row: its position and its event. */
    public record Row(long seq, EventEnvelope event) {
    }

    private final Clock clock;
    private final LogSequence sequence;

    public Outbox(Clock clock, LogSequence sequence) {
        this.clock = clock;
        this.sequence = sequence;
    }

    /** Appends an event within the caller's transaction. */
    public EventEnvelope append(Handle h, Subject subject, String aggregateId, long version, Object payload,
                                String correlationId) {
        EventEnvelope event = new EventEnvelope(UUID.randomUUID().toString(), subject.wireName(), aggregateId,
                version, clock.instant(), correlationId, Json.write(payload));
        Envelopes.bind(h.createUpdate("INSERT INTO outbox (log_seq, " + Envelopes.COLUMNS + ") VALUES (:logSeq, "
                + Envelopes.PARAMETERS + ")"), event).bind("logSeq", sequence.next()).execute();
        return event;
    }

    List<Row> unpublished(Handle h, int max) {
        return h.createQuery("SELECT seq, " + Envelopes.COLUMNS
                        + " FROM outbox WHERE published_at IS NULL ORDER BY seq LIMIT :max")
                .bind("max", max)
                .map((rs, ctx) -> new Row(rs.getLong("seq"), Envelopes.read(rs)))
                .list();
    }

    void markPublished(Handle h, long upToSeq) {
        h.createUpdate("UPDATE outbox SET published_at = :now WHERE seq <= :seq AND published_at IS NULL")
                .bind("now", Instants.format(clock.instant()))
                .bind("seq", upToSeq)
                .execute();
    }

    /** The highest log position in this outbox (0 when empty). */
    long lastLogPosition(Handle h) {
        return h.createQuery("SELECT coalesce(max(log_seq), 0) FROM outbox").mapTo(Long.class).one();
    }

    /** How many events wait to be published. */
    public long unpublishedCount(Handle h) {
        return h.createQuery("SELECT count(*) FROM outbox WHERE published_at IS NULL").mapTo(Long.class).one();
    }
}
