package dev.boxoffice.engine.internal.messaging;

import dev.boxoffice.engine.event.EventEnvelope;
import dev.boxoffice.engine.event.Subject;
import dev.boxoffice.engine.store.StoredTimes;
import dev.boxoffice.engine.internal.storage.Json;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.UUID;
import org.jdbi.v3.core.Handle;

/**
 * A service's transactional outbox: an event is appended in the same transaction as the change it records, at
 * its engine-wide log position, and the {@link OutboxRelay} publishes it afterwards. Rows are kept for a retention
 * window as the service's history of what it published, to be republished if the broker loses them; the relay's
 * progress is one cursor, every row at or below it is published.
 *
 * <p>Positions grow in commit order within a file: they are taken inside the write transaction, and a file has one
 * writer at a time. So a row can never appear below the cursor after the relay moved past it.
 */
public final class Outbox {

    /** An unpublished row: its log position and its event. */
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
        Envelopes.bind(h.createUpdate("INSERT INTO outbox (seq, " + Envelopes.COLUMNS + ") VALUES (:seq, "
                + Envelopes.PARAMETERS + ")"), event).bind("seq", sequence.next()).execute();
        return event;
    }

    /** Up to {@code max} rows after a log position, in order. */
    List<Row> after(Handle h, long position, int max) {
        return h.createQuery("SELECT seq, " + Envelopes.COLUMNS + " FROM outbox WHERE seq > :position ORDER BY seq "
                        + "LIMIT :max")
                .bind("position", position)
                .bind("max", max)
                .map((rs, ctx) -> new Row(rs.getLong("seq"), Envelopes.read(rs)))
                .list();
    }

    /** How many rows there are after a log position. */
    long countAfter(Handle h, long position) {
        return h.createQuery("SELECT count(*) FROM outbox WHERE seq > :position").bind("position", position)
                .mapTo(Long.class).one();
    }

    /** The stored relay cursor: every row at or below it was published. */
    long publishedThrough(Handle h) {
        return h.createQuery("SELECT published_through FROM outbox_relay").mapTo(Long.class).one();
    }

    /** Moves the stored relay cursor forward to {@code upToSeq}. */
    void markPublished(Handle h, long upToSeq) {
        h.createUpdate("UPDATE outbox_relay SET published_through = :seq WHERE published_through < :seq")
                .bind("seq", upToSeq)
                .execute();
    }

    /** Moves the stored relay cursor back to {@code throughSeq}, so that the rows after it are published again. */
    void rewindCursor(Handle h, long throughSeq) {
        h.createUpdate("UPDATE outbox_relay SET published_through = :seq WHERE published_through > :seq")
                .bind("seq", throughSeq)
                .execute();
    }

    /** How many rows there are at or after a log position. */
    long countFrom(Handle h, long position) {
        return countAfter(h, position - 1);
    }

    /** The position of the first row that occurred at or after {@code since}, if any. */
    OptionalLong firstPositionSince(Handle h, Instant since) {
        return h.createQuery("SELECT min(seq) FROM outbox WHERE occurred_at >= :since")
                .bind("since", StoredTimes.format(since))
                .mapTo(Long.class).findOne()
                .map(OptionalLong::of).orElse(OptionalLong.empty());
    }

    /**
     * Deletes published rows that occurred before {@code cutoff}, looking at the oldest {@code max} rows at or
     * below {@code throughSeq} (positions follow time closely, so the old rows are the first ones). Returns how
     * many it deleted.
     */
    int prune(Handle h, long throughSeq, Instant cutoff, int max) {
        return h.createUpdate("DELETE FROM outbox WHERE seq IN (SELECT seq FROM outbox WHERE seq <= :through "
                        + "ORDER BY seq LIMIT :max) AND occurred_at < :cutoff")
                .bind("through", throughSeq)
                .bind("max", max)
                .bind("cutoff", StoredTimes.format(cutoff))
                .execute();
    }

    /** What the outbox keeps: how many rows, the first and last positions, and when the first occurred. */
    Optional<Kept> kept(Handle h) {
        Optional<Row> oldest = after(h, Long.MIN_VALUE, 1).stream().findFirst();
        return oldest.map(row -> new Kept(countAfter(h, Long.MIN_VALUE), row.seq(), lastLogPosition(h),
                row.event().occurredAt()));
    }

    /** How many rows an outbox keeps, its oldest and newest log positions, and when its oldest event occurred. */
    record Kept(long count, long oldest, long newest, Instant oldestAt) {
    }

    /** The highest log position in this outbox (0 when empty). */
    long lastLogPosition(Handle h) {
        return h.createQuery("SELECT coalesce(max(seq), 0) FROM outbox").mapTo(Long.class).one();
    }

}
