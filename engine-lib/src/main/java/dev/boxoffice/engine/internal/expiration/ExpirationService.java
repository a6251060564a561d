package dev.boxoffice.engine.internal.expiration;

import dev.boxoffice.engine.NotFoundException;
import dev.boxoffice.engine.event.EventEnvelope;
import dev.boxoffice.engine.event.ExpirationComplete;
import dev.boxoffice.engine.event.Subject;
import dev.boxoffice.engine.expiration.Expirations;
import dev.boxoffice.engine.expiration.ExpiryTimer;
import dev.boxoffice.engine.internal.Arguments;
import dev.boxoffice.engine.internal.messaging.BacklogSource;
import dev.boxoffice.engine.internal.messaging.EventHandler;
import dev.boxoffice.engine.internal.messaging.OrderChange;
import dev.boxoffice.engine.internal.messaging.ReplicaVersions;
import dev.boxoffice.engine.internal.messaging.ServiceDatabase;
import dev.boxoffice.engine.store.StoredTimes;
import dev.boxoffice.engine.order.OrderStatus;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.statement.StatementContext;
import org.jdbi.v3.core.statement.Update;

/**
 * The expiration service. Its timers are a versioned replica of orders ({@code order_timers}): an order still
 * {@code created} has a pending timer, keyed by the order id, so a redelivered {@code order:created} never
 * schedules twice and a cancel or completion that overtakes the creation is refused until the creation
 * arrives. Firing marks the timer and appends {@code expiration:complete} in one transaction.
 */
public final class ExpirationService implements Expirations, EventHandler, BacklogSource {

    /** The events this service consumes. */
    public static final Set<Subject> SUBSCRIBES_TO = Set.of(Subject.ORDER_CREATED, Subject.ORDER_CANCELLED,
            Subject.ORDER_COMPLETED, Subject.ORDER_SNAPSHOT);

    private static final int FIRE_BATCH = 256;

    private static final String INSERT_TIMER = "INSERT INTO order_timers (order_id, version, status, expires_at, "
            + "correlation_id) VALUES (:id, :v, :status, :expiresAt, :corr)";

    /** A timer whose order is still open and that has not fired: the due index's condition. */
    private static final String PENDING = "status = :created AND fired_at IS NULL";
    /** A pending timer whose time has come. */
    private static final String DUE = PENDING + " AND expires_at <= :now";

    private record DueTimer(String orderId, long version, String correlationId) {
    }

    private final ServiceDatabase db;
    private final Clock clock;
    private final ReplicaVersions orderVersions;
    /** What the last round of the timers' loop found; false until one has run. */
    private volatile boolean nothingPending;

    public ExpirationService(ServiceDatabase db, Clock clock) {
        this.db = db;
        this.clock = clock;
        this.orderVersions = new ReplicaVersions("order", "order_timers", "order_id");
    }

    @Override
    public List<ExpiryTimer> pending() {
        return db.read(h -> h.createQuery("SELECT order_id, expires_at FROM order_timers WHERE " + PENDING
                        + " ORDER BY expires_at, order_id")
                .bind("created", OrderStatus.CREATED.wireName())
                .map(ExpirationService::timer)
                .list());
    }

    @Override
    public List<ExpiryTimer> page(String afterOrderId, int limit) {
        Arguments.optionalId("afterOrderId", afterOrderId);
        Arguments.positive("limit", limit);
        return db.read(h -> {
            String after = "";
            String afterExpiry = null;
            if (afterOrderId != null) {
                afterExpiry = h.createQuery("SELECT expires_at FROM order_timers WHERE order_id = :id")
                        .bind("id", afterOrderId).mapTo(String.class).findOne()
                        .orElseThrow(() -> new NotFoundException("expiry timer", afterOrderId,
                                "No expiry timer for order " + afterOrderId));
                // a range of the due index: (expires_at, order_id) after the given timer's
                after = " AND (expires_at > :at OR (expires_at = :at AND order_id > :after))";
            }
            var select = h.createQuery("SELECT order_id, expires_at FROM order_timers WHERE " + PENDING + after
                            + " ORDER BY expires_at, order_id LIMIT :limit")
                    .bind("created", OrderStatus.CREATED.wireName()).bind("limit", limit);
            if (afterOrderId != null) {
                select.bind("at", afterExpiry).bind("after", afterOrderId);
            }
            return select.map(ExpirationService::timer).list();
        });
    }

    @Override
    public Counts counts() {
        String now = StoredTimes.format(clock.instant());
        // two counts: the overdue ones are a range of the due index, where one pass would read every entry's time
        return db.read(h -> new Counts(
                h.createQuery("SELECT count(*) FROM order_timers WHERE " + PENDING)
                        .bind("created", OrderStatus.CREATED.wireName()).mapTo(Long.class).one(),
                countDue(h, now)));
    }

    private static ExpiryTimer timer(ResultSet rs, StatementContext ctx) throws SQLException {
        return new ExpiryTimer(rs.getString("order_id"), StoredTimes.parse(rs.getString("expires_at")));
    }

    /**
     * Fires the timers the clock has passed; returns how many fired. The soonest pending timer is read first,
     * outside a write transaction: this runs every few milliseconds while timers are pending and most rounds find
     * none due, and an empty write transaction each time took the store's write lock from its consumers and woke
     * its relay for nothing. A round that finds no timer pending at all says so ({@link #nothingPending()}).
     */
    public int fireDue() {
        String now = StoredTimes.format(clock.instant());
        Optional<String> soonest = db.read(h -> h.createQuery("SELECT expires_at FROM order_timers WHERE " + PENDING
                        + " ORDER BY expires_at LIMIT 1")
                .bind("created", OrderStatus.CREATED.wireName()).mapTo(String.class).findOne());
        nothingPending = soonest.isEmpty();
        if (soonest.isEmpty() || soonest.get().compareTo(now) > 0) {
            return 0;
        }
        return db.inTransaction(h -> {
            // claimed: timers another process is firing are left to it, and each fires once
            List<DueTimer> due = h.createQuery("SELECT order_id, version, correlation_id FROM order_timers WHERE "
                            + DUE + " ORDER BY expires_at LIMIT :max" + db.dialect().skipLocked())
                    .bind("created", OrderStatus.CREATED.wireName()).bind("now", now).bind("max", FIRE_BATCH)
                    .map((rs, ctx) -> new DueTimer(rs.getString("order_id"), rs.getLong("version"),
                            rs.getString("correlation_id")))
                    .list();
            for (DueTimer timer : due) {
                h.createUpdate("UPDATE order_timers SET fired_at = :now WHERE order_id = :id")
                        .bind("now", now).bind("id", timer.orderId()).execute();
                db.outbox().append(h, Subject.EXPIRATION_COMPLETE, timer.orderId(), timer.version(),
                        new ExpirationComplete(timer.orderId()), timer.correlationId());
            }
            return due.size();
        });
    }

    /**
     * Whether the last {@link #fireDue()} found no timer pending: none can fall due until an order event writes
     * one, so the loop may wait for a commit of this store rather than poll.
     */
    public boolean nothingPending() {
        return nothingPending;
    }

    @Override
    public String backlogName() {
        return "expiration timers due";
    }

    @Override
    public long backlog() {
        String now = StoredTimes.format(clock.instant());
        return db.read(h -> countDue(h, now));
    }

    private static long countDue(Handle h, String now) {
        return h.createQuery("SELECT count(*) FROM order_timers WHERE " + DUE)
                .bind("created", OrderStatus.CREATED.wireName()).bind("now", now).mapTo(Long.class).one();
    }

    @Override
    public Result handle(Handle h, EventEnvelope event) {
        OrderChange change = OrderChange.of(event).orElseThrow(() -> new IllegalArgumentException(
                "The expiration service does not handle " + event.subject()));
        return apply(h, event, change.orderId(), change.version(), change.status(),
                change.full() == null ? null : StoredTimes.format(change.full().expiresAt()), change.snapshot());
    }

    /** The versioned-replica rule on the timer row; a finished order's timer is thereby dropped. */
    private Result apply(Handle h, EventEnvelope event, String orderId, long version, OrderStatus status, String expiresAt,
                         boolean snapshot) {
        return orderVersions.apply(h, orderId, version, snapshot, () -> {
            Update write = switch (ReplicaVersions.Write.of(version, snapshot)) {
                case FIRST -> h.createUpdate(INSERT_TIMER + " ON CONFLICT (order_id) DO NOTHING")
                        .bind("expiresAt", expiresAt).bind("corr", event.correlationId());
                case SNAPSHOT -> h.createUpdate(INSERT_TIMER + " ON CONFLICT (order_id) DO UPDATE SET "
                                + "version = excluded.version, status = excluded.status, expires_at = "
                                + "excluded.expires_at WHERE order_timers.version < excluded.version")
                        .bind("expiresAt", expiresAt).bind("corr", event.correlationId());
                case NEXT -> h.createUpdate("UPDATE order_timers SET version = :v, status = :status "
                        + "WHERE order_id = :id AND version = :v - 1");
            };
            return write.bind("id", orderId).bind("v", version).bind("status", status.wireName()).execute();
        }) ? Result.APPLIED : Result.DUPLICATE;
    }

    /**
     * The timers drop an order event delivered again: their write applies only on the version before, and two
     * instances applying one event at once meet at the row ({@link ReplicaVersions#apply}).
     */
    @Override
    public boolean dropsDuplicatesItself(Subject subject) {
        return OrderChange.SUBJECTS.contains(subject);
    }
}
