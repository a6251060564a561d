package dev.boxoffice.engine.bus;

import java.time.Instant;
import java.util.List;

/**
 * The operator's view of the services' outboxes, the source of truth for every event the engine published. Each
 * service keeps what it published for a retention window ({@link dev.boxoffice.engine.BoxOfficeBuilder#outboxRetention});
 * within it, events can be <b>republished</b>, e.g. after a broker lost acknowledged messages (nats-server before
 * 2.10 acknowledges before it writes to disk) or had its store wiped. Consumers drop what they already applied (by
 * event id and by version), so republishing more than was lost is safe.
 */
public interface Outboxes {

    /**
     * One service's outbox.
     *
     * @param service          the owning service ({@code tickets}, {@code orders}, {@code expiration}, {@code payments})
     * @param retained         events kept, published or not
     * @param oldestPosition   the log position of the oldest kept event (0 when none is kept)
     * @param oldestAt         when the oldest kept event occurred (null when none is kept)
     * @param newestPosition   the log position of the newest event (0 when none is kept)
     * @param publishedThrough the log position of the last event handed to the transport (on SQLite every kept event
     *                         at or below it was; on PostgreSQL, where the relay goes in commit order, one that
     *                         committed late may still be on its way: see {@code unpublished})
     * @param unpublished      events committed and not yet handed to the transport
     */
    record State(String service, long retained, long oldestPosition, Instant oldestAt, long newestPosition,
                 long publishedThrough, long unpublished) {
    }

    /** Every service's outbox, in the engine's order of services. */
    List<State> list();

    /**
     * Publishes again, in log order, every kept event at or after the log {@code position} (positions are
     * engine-wide, shared by the services' outboxes). Returns at once; the relays do the work, and
     * {@link dev.boxoffice.engine.BoxOffice#awaitQuiescence} waits for it.
     *
     * @return how many kept events are at or after the position, to be published again or for the first time
     * @throws dev.boxoffice.engine.ValidationException on {@code position} if it is below 1
     */
    long republishFrom(long position);

    /**
     * Publishes again every kept event that occurred at or after {@code since} (and every later one), as
     * {@link #republishFrom} from the first such event's position in each outbox.
     *
     * @return how many kept events will be published again or for the first time
     * @throws dev.boxoffice.engine.ValidationException on {@code since} if it is null
     */
    long republishSince(Instant since);
}
