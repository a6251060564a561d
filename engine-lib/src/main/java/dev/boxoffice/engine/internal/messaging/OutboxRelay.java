package dev.boxoffice.engine.internal.messaging;

import dev.boxoffice.engine.bus.Ticker;
import dev.boxoffice.engine.bus.Transport;
import dev.boxoffice.engine.event.EventEnvelope;
import dev.boxoffice.engine.bus.Outboxes;
import dev.boxoffice.engine.internal.cluster.Duty;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.OptionalLong;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Publishes a service's outbox to the transport in order, moving its cursor past rows only after the transport has
 * accepted them. The cursor lives in memory and is written to the store at most every
 * {@link #CURSOR_WRITE_INTERVAL_NANOS} while the relay publishes (and when it goes idle or closes), not with a
 * commit per batch: after a crash the relay publishes again from the stored cursor, and the transport drops what it
 * already has by event id. No committed event is ever lost, none is delivered twice because of the relay.
 *
 * <p>Published rows are kept for the retention window and then pruned, a batch at a time while the relay is idle.
 * Within the window an operator can {@link #rewind} the cursor: the relay then publishes those rows again, in
 * order, and the stored cursor moves back at once so that a crash does not forget the request.
 *
 * <p>Where several nodes share the store, one relays at a time: the holder of the outbox's {@link Duty}. A node
 * that takes the duty over starts from the stored cursor, so what the last holder published without writing its
 * cursor goes out again and is dropped as a repeat. A republish asked of any node moves the stored cursor back and
 * counts itself ({@code rewinds}); the holder's next cursor write, which carries the count it knows, then fails and
 * the holder takes the cursor back. A node that does not hold the duty follows the outbox instead, for its
 * {@link OutboxEventLog live feed} only, while someone listens.
 */
public final class OutboxRelay implements AutoCloseable {

    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(OutboxRelay.class);
    private static final Duration IDLE_POLL = Duration.ofMillis(250);
    /** At most this long between writes of the cursor while events are being published. */
    static final long CURSOR_WRITE_INTERVAL_NANOS = 100_000_000L;

    private final ServiceDatabase db;
    private final Transport transport;
    private final Activity activity;
    private final int batchSize;
    private final OutboxEventLog eventLog;
    private final Worker worker;
    private final Ticker ticker;
    /** Every row at or below this cursor is published; ahead of the stored cursor by what is not written yet. */
    private volatile Outbox.Cursor publishedThrough;
    private Outbox.Cursor cursorWritten;
    private long cursorWrittenAt;
    /** A requested rewind: publish again every row after this cursor; null when none. */
    private final AtomicReference<Outbox.Cursor> rewindThrough = new AtomicReference<>();
    private final Clock clock;
    private final Duration retention;
    private final Duration processedEventRetention;
    private final long pruneIntervalNanos;
    private long prunedAt;
    private final Duty duty;
    /** The lease token under which the cursor was loaded: another one means that another node relayed meanwhile. */
    private long tokenSeen;
    /** The republish requests counted in the store when the cursor was last loaded or written. */
    private long rewindsSeen;
    /** The last row handed to the live feed (null until one was, or after a republish). */
    private Outbox.Cursor fedThrough;
    /**
     * Where a follower's feed begins when nothing was fed yet: the stored cursor when the first listener
     * subscribed, so that what is published between the subscription and the follower's next round is shown.
     */
    private final AtomicReference<Outbox.Cursor> followFrom = new AtomicReference<>();

    /**
     * How often the relay prunes rows older than the retention windows (more often when a quarter of the shorter
     * window is less).
     */
    static final long PRUNE_INTERVAL_NANOS = 60_000_000_000L;
    /**
     * How often to prune what is kept for {@code retention}: every {@link #PRUNE_INTERVAL_NANOS}, or every quarter of
     * the retention when that is shorter (so that a short retention is kept to closely).
     */
    public static long pruneIntervalNanos(Duration retention) {
        return Math.min(PRUNE_INTERVAL_NANOS, Math.max(1, retention.toNanos() / 4));
    }

    /** Rows looked at per pruning transaction, so that a large backlog of old rows never holds the store long. */
    private static final int PRUNE_BATCH = 5_000;

    public OutboxRelay(ServiceDatabase db, Transport transport, Activity activity, int batchSize,
                       OutboxEventLog eventLog, Ticker ticker, Clock clock, Duration retention, Duty duty) {
        this(db, transport, activity, batchSize, eventLog, ticker, clock, retention, retention, duty);
    }

    /**
     * @param retention               how long a published event stays in the outbox
     * @param processedEventRetention how long the service's consumer group remembers an event it handled
     */
    public OutboxRelay(ServiceDatabase db, Transport transport, Activity activity, int batchSize,
                       OutboxEventLog eventLog, Ticker ticker, Clock clock, Duration retention,
                       Duration processedEventRetention, Duty duty) {
        this.db = db;
        this.duty = duty;
        this.ticker = ticker;
        this.clock = clock;
        this.retention = retention;
        this.processedEventRetention = processedEventRetention;
        this.pruneIntervalNanos = pruneIntervalNanos(retention.compareTo(processedEventRetention) < 0 ? retention
                : processedEventRetention);
        this.publishedThrough = db.read(h -> db.outbox().publishedThrough(h));
        this.cursorWritten = publishedThrough;
        this.cursorWrittenAt = ticker.read();
        this.prunedAt = cursorWrittenAt - pruneIntervalNanos;
        this.eventLog = eventLog;
        this.transport = transport;
        this.activity = activity;
        this.batchSize = batchSize;
        this.worker = new Worker(db.name() + "-relay", IDLE_POLL, this::relayOnce);
        db.afterEachCommit(this::wake);
        duty.onAcquired(worker::wake);
        eventLog.onListeningStart(() -> {
            if (!duty.held()) {
                try {
                    followFrom.set(db.read(h -> db.outbox().publishedThrough(h)));
                } catch (RuntimeException e) {
                    // the store is away: the feed begins where the relay finds the cursor when it is back
                }
                worker.wake();
            }
        });
    }

    public void start() {
        worker.start();
    }

    /** Tells the relay that the outbox may have new rows. */
    public void wake() {
        worker.wake();
        activity.bump();
    }

    /** Publishes one batch (or, without the duty, follows one for the live feed); returns how many events. */
    int relayOnce() {
        duty.turned();
        long token = duty.token();
        if (token == 0) {
            tokenSeen = 0;
            return follow();
        }
        if (token != tokenSeen) {
            takeOver(token);
        }
        applyRewind();
        List<Outbox.Row> rows = db.read(h -> db.outbox().after(h, publishedThrough, batchSize));
        if (rows.isEmpty()) {
            writeCursor(true);
            if (ticker.read() - rewindsCheckedAt >= REWINDS_CHECK_INTERVAL_NANOS) {
                noticeRewinds();
            }
            pruneIfDue(pruneIntervalNanos);
            return 0;
        }
        List<EventEnvelope> events = rows.stream().map(Outbox.Row::event).toList();
        transport.publish(events);
        publishedThrough = rows.get(rows.size() - 1).cursor();
        activity.bump();
        feed(rows);
        writeCursor(false);
        pruneIfDue(2 * pruneIntervalNanos); // busy for that long: prune anyway, to stay bounded
        return rows.size();
    }

    /** Takes the duty's cursor from the store: another node may have moved it since this one last relayed. */
    private void takeOver(long token) {
        Outbox.RelayState stored = db.read(h -> db.outbox().relayState(h));
        publishedThrough = stored.cursor();
        cursorWritten = stored.cursor();
        rewindsSeen = stored.rewinds();
        tokenSeen = token;
    }

    /**
     * Without the duty: hands the rows the holder publishes to this node's live feed, while someone listens. Rows
     * are followed as they commit, so the feed may show an event a moment before the holder publishes it.
     */
    private int follow() {
        if (!eventLog.listening()) {
            fedThrough = null;
            return 0;
        }
        if (fedThrough == null) {
            Outbox.Cursor from = followFrom.getAndSet(null);
            fedThrough = from != null ? from : db.read(h -> db.outbox().publishedThrough(h));
        }
        Outbox.Cursor from = fedThrough;
        List<Outbox.Row> rows = db.read(h -> db.outbox().after(h, from, batchSize));
        feed(rows);
        return rows.size();
    }

    /** Hands the rows the feed has not shown yet to the live feed. */
    private void feed(List<Outbox.Row> rows) {
        Outbox.Cursor shown = fedThrough;
        List<EventEnvelope> events = rows.stream().filter(r -> shown == null || r.cursor().compareTo(shown) > 0)
                .map(Outbox.Row::event).toList();
        if (!rows.isEmpty()) {
            fedThrough = rows.get(rows.size() - 1).cursor();
        }
        eventLog.published(events);
    }

    /** Events committed to the outbox and not yet handed to the transport (or asked to be handed over again). */
    public long unpublished() {
        Outbox.Cursor through = publishedOrRewoundThrough();
        return db.read(h -> db.outbox().countAfter(h, through));
    }

    /**
     * The cursor as it will be once a requested rewind is applied: every row above it is still to publish. Without
     * the duty, the stored cursor of the node that has it.
     */
    private Outbox.Cursor publishedOrRewoundThrough() {
        if (!duty.held()) {
            return db.read(h -> db.outbox().publishedThrough(h));
        }
        Outbox.Cursor rewind = rewindThrough.get();
        return rewind == null ? publishedThrough : Outbox.Cursor.min(publishedThrough, rewind);
    }

    /**
     * Asks the relay to publish again every kept row at or after {@code position}; returns how many rows that is.
     * Rows not yet published are counted too: they go out as they would have.
     */
    public long rewind(long position) {
        return db.read(h -> db.outbox().cursorBefore(h, position)).map(cursor -> {
            // in the store at once: a crash does not forget it, and a holder on another node learns of it
            db.bookkeeping(h -> {
                db.outbox().rewindCursor(h, cursor);
                return null;
            });
            rewindThrough.accumulateAndGet(cursor, (a, b) -> a == null ? b : Outbox.Cursor.min(a, b));
            wake();
            return db.read(h -> db.outbox().countFrom(h, position));
        }).orElse(0L);
    }

    /** {@link #rewind} from the first kept row that occurred at or after {@code since}; 0 if there is none. */
    public long rewindSince(Instant since) {
        OptionalLong first = db.read(h -> db.outbox().firstPositionSince(h, since));
        return first.isPresent() ? rewind(first.getAsLong()) : 0;
    }

    /** What this outbox keeps, for an operator. */
    public Outboxes.State state() {
        Outbox.Cursor through = publishedOrRewoundThrough();
        long position = Math.max(0, through.seq());
        return db.read(h -> {
            long unpublished = db.outbox().countAfter(h, through);
            return db.outbox().kept(h)
                    .map(k -> new Outboxes.State(db.name(), k.count(), k.oldest(), k.oldestAt(), k.newest(),
                            position, unpublished))
                    .orElse(new Outboxes.State(db.name(), 0, 0, null, 0, position, 0));
        });
    }

    /**
     * Moves the cursor back as requested. The request is cleared only after the cursor moved, so that
     * {@link #unpublished} never sees neither (and reports quiet with rows still to publish again).
     */
    private void applyRewind() {
        Outbox.Cursor through = rewindThrough.get();
        if (through == null) {
            return;
        }
        // the request already moved the stored cursor back (and counted itself there)
        takeBack(db.read(h -> db.outbox().relayState(h)), through);
        // a further rewind asked for meanwhile stays for the next round
        rewindThrough.compareAndSet(through, null);
    }

    /**
     * Deletes published rows older than the outbox's retention window, and the consumer group's inbox records older
     * than theirs, a batch per transaction, when {@code interval} passed since the last time: an idle relay every
     * {@link #pruneIntervalNanos}, a busy one every two (a relay that is never idle still keeps its store bounded).
     */
    private void pruneIfDue(long interval) {
        long now = ticker.read();
        if (now - prunedAt < interval) {
            return;
        }
        prunedAt = now;
        Instant cutoff = clock.instant().minus(retention);
        Outbox.Cursor through = cursorWritten;
        int deleted;
        do {
            deleted = db.bookkeeping(h -> db.outbox().prune(h, through, cutoff, PRUNE_BATCH));
        } while (deleted == PRUNE_BATCH);
        Instant handledBefore = clock.instant().minus(processedEventRetention);
        do {
            deleted = db.bookkeeping(h -> ConsumerGroup.pruneInbox(h, handledBefore, PRUNE_BATCH));
        } while (deleted == PRUNE_BATCH);
    }

    public String name() {
        return db.name();
    }

    /** Writes the cursor if it moved and the interval has passed, or whenever it moved if {@code now}. */
    private void writeCursor(boolean now) {
        Outbox.Cursor through = publishedThrough;
        long at = ticker.read();
        if (through.compareTo(cursorWritten) > 0 && (now || at - cursorWrittenAt >= CURSOR_WRITE_INTERVAL_NANOS)) {
            long rewinds = rewindsSeen;
            boolean moved = db.bookkeeping(h -> db.outbox().markPublished(h, through, rewinds));
            cursorWritten = through;
            cursorWrittenAt = at;
            if (!moved) {
                noticeRewinds();
            }
        }
    }

    /** How often an idle relay looks for a republish asked of another node (its cursor writes see one at once). */
    static final long REWINDS_CHECK_INTERVAL_NANOS = 1_000_000_000L;
    private long rewindsCheckedAt;

    /** Takes the cursor back to the stored one when a republish was asked (of another node) since it was read. */
    private void noticeRewinds() {
        rewindsCheckedAt = ticker.read();
        Outbox.RelayState stored = db.read(h -> db.outbox().relayState(h));
        if (stored.rewinds() != rewindsSeen) {
            takeBack(stored, publishedThrough);
        }
    }

    /**
     * Takes the cursor back to the stored one (a republish moved it) or to {@code requested}, whichever is lower,
     * and counts the republish requests as seen; the live feed shows the republished events again.
     */
    private void takeBack(Outbox.RelayState stored, Outbox.Cursor requested) {
        publishedThrough = Outbox.Cursor.min(Outbox.Cursor.min(publishedThrough, requested), stored.cursor());
        cursorWritten = stored.cursor();
        rewindsSeen = stored.rewinds();
        fedThrough = null;
        LOG.info("{}: publishing the outbox again from log position {}", db.name(), publishedThrough.seq() + 1);
    }

    @Override
    public void close() {
        worker.close();
        if (!duty.held()) {
            return;
        }
        try {
            writeCursor(true);
        } catch (RuntimeException e) {
            // the next start publishes again from the stored cursor; the transport drops the repeats
            LOG.warn("{}: could not keep the relay's cursor at close: {}", db.name(), e.toString());
        }
    }
}
