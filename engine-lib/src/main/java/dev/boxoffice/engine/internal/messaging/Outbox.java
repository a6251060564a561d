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
import dev.boxoffice.engine.internal.storage.Dialect;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.statement.SqlStatement;
import org.jdbi.v3.core.statement.SqlStatements;

/**
 * A service's transactional outbox: an event is appended in the same transaction as the change it records, at
 * its engine-wide log position, and the {@link OutboxRelay} publishes it afterwards. Rows are kept for a retention
 * window as the service's history of what it published, to be republished if the broker loses them; the relay's
 * progress is one {@link Cursor}, every row at or below it is published.
 *
 * <p>No row may appear below the cursor after the relay moved past it. On SQLite rows commit in position order (a
 * file has one writer at a time, and positions are taken inside the write transaction). On PostgreSQL several
 * transactions append at once, and a position is taken at insert, not at commit: so each row also records its
 * transaction's id, the relay publishes in (transaction id, position) order, and only rows below the
 * {@link Dialect#outboxHorizon() horizon}, written by transactions that are all over.
 */
public final class Outbox {

    /** An unpublished row: its transaction id (0 on SQLite), its log position and its event. */
    public record Row(long txid, long seq, EventEnvelope event) {

        Cursor cursor() {
            return new Cursor(txid, seq);
        }
    }

    /** The relay's progress: every row ordered at or before (transaction id, position) is published. */
    public record Cursor(long txid, long seq) implements Comparable<Cursor> {

        @Override
        public int compareTo(Cursor other) {
            int byTxid = Long.compare(txid, other.txid);
            return byTxid != 0 ? byTxid : Long.compare(seq, other.seq);
        }

        static Cursor min(Cursor a, Cursor b) {
            return a.compareTo(b) <= 0 ? a : b;
        }
    }

    private static final String COLUMNS = "txid, seq, " + Envelopes.COLUMNS;

    private final Clock clock;
    private final LogSequence sequence;
    private final Dialect dialect;
    private final EventIds eventIds;

    public Outbox(Clock clock, LogSequence sequence, Dialect dialect) {
        this.clock = clock;
        this.eventIds = new EventIds(clock);
        this.sequence = sequence;
        this.dialect = dialect;
    }

    /** Appends an event within the caller's transaction. */
    public EventEnvelope append(Handle h, Subject subject, String aggregateId, long version, Object payload,
                                String correlationId) {
        EventEnvelope event = new EventEnvelope(eventIds.next(), subject.wireName(), aggregateId,
                version, clock.instant(), correlationId, Json.write(payload));
        Envelopes.bind(h.createUpdate("INSERT INTO outbox (seq, " + Envelopes.COLUMNS + ") VALUES ("
                + dialect.outboxPosition() + ", " + Envelopes.PARAMETERS + ")"), event)
                .bind("seq", dialect.positionsInProcess() ? sequence.next() : null)
                .execute();
        return event;
    }

    /** Up to {@code max} rows after a cursor, in the order the relay publishes them, below the horizon. */
    List<Row> after(Handle h, Cursor cursor, int max) {
        return bindCursor(h.createQuery("SELECT " + COLUMNS + " FROM outbox WHERE " + dialect.outboxAfter()
                        + " AND txid < " + dialect.outboxHorizon() + " ORDER BY " + dialect.outboxOrder()
                        + " LIMIT :max"), cursor)
                .bind("max", max)
                .map((rs, ctx) -> new Row(rs.getLong("txid"), rs.getLong("seq"), Envelopes.read(rs)))
                .list();
    }

    /** How many rows there are after a cursor (those of transactions still running included). */
    long countAfter(Handle h, Cursor cursor) {
        return bindCursor(h.createQuery("SELECT count(*) FROM outbox WHERE " + dialect.outboxAfter()), cursor)
                .mapTo(Long.class).one();
    }

    /** Binds a cursor to {@code :txid} and {@code :seq}; a dialect that orders by position alone ignores the first. */
    private static <S extends SqlStatement<S>> S bindCursor(S statement, Cursor cursor) {
        return statement.configure(SqlStatements.class, c -> c.setUnusedBindingAllowed(true))
                .bind("txid", cursor.txid())
                .bind("seq", cursor.seq());
    }

    /** The stored relay cursor (every row at or below it was published) and the republish requests so far. */
    record RelayState(Cursor cursor, long rewinds) {
    }

    RelayState relayState(Handle h) {
        return h.createQuery("SELECT published_txid, published_through, rewinds FROM outbox_relay")
                .map((rs, ctx) -> new RelayState(new Cursor(rs.getLong(1), rs.getLong(2)), rs.getLong(3))).one();
    }

    /** The stored relay cursor: every row at or below it was published. */
    Cursor publishedThrough(Handle h) {
        return relayState(h).cursor();
    }

    /**
     * Moves the stored relay cursor forward to {@code through}, unless a republish was requested since the relay
     * read {@code rewinds} requests (it must then take the cursor back first). Whether it moved.
     */
    boolean markPublished(Handle h, Cursor through, long rewinds) {
        return h.createUpdate("UPDATE outbox_relay SET published_txid = :txid, published_through = :seq "
                        + "WHERE rewinds = :rewinds AND (published_txid < :txid "
                        + "OR (published_txid = :txid AND published_through < :seq))")
                .bind("txid", through.txid())
                .bind("seq", through.seq())
                .bind("rewinds", rewinds)
                .execute() == 1;
    }

    /**
     * Moves the stored relay cursor back to {@code through}, so that the rows after it are published again, and
     * counts the request, so that a relay on another node that is ahead learns of it when it next writes.
     */
    void rewindCursor(Handle h, Cursor through) {
        h.createUpdate("UPDATE outbox_relay SET rewinds = rewinds + 1, "
                        + "published_txid = CASE WHEN published_txid > :txid OR (published_txid = :txid "
                        + "AND published_through > :seq) THEN :txid ELSE published_txid END, "
                        + "published_through = CASE WHEN published_txid > :txid OR (published_txid = :txid "
                        + "AND published_through > :seq) THEN :seq ELSE published_through END")
                .bind("txid", through.txid())
                .bind("seq", through.seq())
                .execute();
    }

    /**
     * The cursor just before every row at or after a log position: at the smallest transaction id among those
     * rows, so that rows of transactions that began earlier but took later positions come again too (a few rows
     * before the position may come again as well; the transport and consumers drop repeats). Empty if no row is
     * at or after the position.
     */
    Optional<Cursor> cursorBefore(Handle h, long position) {
        return h.createQuery("SELECT min(txid) FROM outbox WHERE seq >= :position")
                .bind("position", position)
                .mapTo(Long.class).findOne()
                .map(txid -> new Cursor(txid, position - 1));
    }

    /** How many rows there are at or after a log position. */
    long countFrom(Handle h, long position) {
        return h.createQuery("SELECT count(*) FROM outbox WHERE seq >= :position").bind("position", position)
                .mapTo(Long.class).one();
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
     * below {@code through} (positions follow time closely, so the old rows are the first ones). Returns how
     * many it deleted.
     */
    int prune(Handle h, Cursor through, Instant cutoff, int max) {
        return bindCursor(h.createUpdate("DELETE FROM outbox WHERE seq IN (SELECT seq FROM outbox WHERE NOT ("
                        + dialect.outboxAfter() + ") ORDER BY " + dialect.outboxOrder()
                        + " LIMIT :max) AND occurred_at < :cutoff"), through)
                .bind("max", max)
                .bind("cutoff", StoredTimes.format(cutoff))
                .execute();
    }

    /** What the outbox keeps: how many rows, the first and last positions, and when the first occurred. */
    Optional<Kept> kept(Handle h) {
        return h.createQuery("SELECT count(*) AS kept, min(seq) AS oldest, max(seq) AS newest, min(occurred_at) "
                        + "AS oldest_at FROM outbox")
                .map((rs, ctx) -> rs.getString("oldest_at") == null ? Optional.<Kept>empty()
                        : Optional.of(new Kept(rs.getLong("kept"), rs.getLong("oldest"), rs.getLong("newest"),
                                StoredTimes.parse(rs.getString("oldest_at")))))
                .one();
    }

    /** How many rows an outbox keeps, its oldest and newest log positions, and when its oldest event occurred. */
    record Kept(long count, long oldest, long newest, Instant oldestAt) {
    }

    /** The highest log position in this outbox (0 when empty). */
    long lastLogPosition(Handle h) {
        return h.createQuery("SELECT coalesce(max(seq), 0) FROM outbox").mapTo(Long.class).one();
    }

}
