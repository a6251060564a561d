package dev.boxoffice.engine.internal.messaging;

import dev.boxoffice.engine.store.StoredTimes;
import dev.boxoffice.engine.internal.storage.Json;
import dev.boxoffice.engine.NotFoundException;
import dev.boxoffice.engine.bus.DeadLetter;
import dev.boxoffice.engine.bus.DeadLetters.RetryOutcome;
import dev.boxoffice.engine.bus.Delivery;
import dev.boxoffice.engine.bus.Subscription;
import dev.boxoffice.engine.bus.Transport;
import dev.boxoffice.engine.event.EventEnvelope;
import dev.boxoffice.engine.event.ResyncRequested;
import dev.boxoffice.engine.event.Subject;
import dev.boxoffice.engine.replication.DeliveryFate;
import dev.boxoffice.engine.replication.DeliveryRecord;
import dev.boxoffice.engine.replication.OutOfOrderEventException;
import dev.boxoffice.engine.replication.ReplicaCounters;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import org.jdbi.v3.core.Handle;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One service's consumer group: its competing instances, each on a thread of its own, and the service's inbox
 * (processed event ids, for idempotency) and dead letters.
 *
 * <p>Each delivery is handled in one transaction of the service's database that also records the event id as
 * processed, so a redelivered or duplicated event has no second effect (events whose handler drops duplicates by
 * itself, a versioned replica's, are not recorded: {@link EventHandler#dropsDuplicatesItself}). An out-of-order
 * refusal or a failure is refused with a growing delay; after {@link ConsumerSettings#maxDeliveries()} the event is
 * set aside as a dead letter. An event refused as out of order is set aside only once, besides, the transport's ack
 * wait has passed since it was first refused here: the event before it may be leased to an instance that vanished
 * with it (killed, or cut off from the broker), and comes back only after that wait. An entity whose events keep
 * being refused as out of order gets a gap repair: the owner is asked to re-publish its current state.
 */
public final class ConsumerGroup implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(ConsumerGroup.class);

    private final String group;
    private final ServiceDatabase db;
    private final EventHandler handler;
    private final ConsumerSettings settings;
    private final Clock clock;
    private final Activity activity;
    private final Map<String, Subject> resyncSubjects;
    /** The wire names of the subjects recorded in the inbox when handled. */
    private final Set<String> recorded;
    private final List<Instance> instances = new ArrayList<>();
    private final AtomicInteger inFlight = new AtomicInteger();
    private final ParkingLot parking;
    /** The transport's ack wait: the least time between the first refusal of an out-of-order event and its end. */
    private final long outOfOrderPatienceNanos;
    /**
     * When an instance here first refused each out-of-order event not settled since ({@link ConsumerSettings#ticker()}
     * nanos). Emptied when it reaches {@link #REFUSALS_REMEMBERED}: the events then count their patience anew, which
     * only lets them wait longer.
     */
    private final Map<String, Long> firstRefused = new ConcurrentHashMap<>();
    private static final int REFUSALS_REMEMBERED = 10_000;
    private final EntityClaims<Instance> claims;
    /** Held by the instance fetching from the shared subscription (with entity affinity). */
    private final Object fetching = new Object();
    private volatile boolean closed;

    /**
     * @param resyncSubjects for each replicated entity kind (as named in {@link OutOfOrderEventException#entity()}),
     *                       the subject that asks its owner for a snapshot
     */
    public ConsumerGroup(String group, ServiceDatabase db, Transport transport, Set<Subject> subjects,
                         EventHandler handler, int instanceCount, ConsumerSettings settings, Clock clock,
                         Activity activity, Map<String, Subject> resyncSubjects) {
        if (instanceCount < 1) {
            throw new IllegalArgumentException("a consumer group needs at least 1 instance, was " + instanceCount);
        }
        this.group = group;
        this.db = db;
        this.handler = handler;
        this.settings = settings;
        this.clock = clock;
        this.activity = activity;
        this.resyncSubjects = Map.copyOf(resyncSubjects);
        this.parking = new ParkingLot(group);
        this.outOfOrderPatienceNanos = transport.ackWait().toNanos();
        this.claims = new EntityClaims<>(settings.entityAffinity());
        Set<String> wireNames = subjects.stream().map(Subject::wireName).collect(Collectors.toUnmodifiableSet());
        this.recorded = subjects.stream().filter(s -> !handler.dropsDuplicatesItself(s)).map(Subject::wireName)
                .collect(Collectors.toUnmodifiableSet());
        // with affinity, the instances share one subscription and take turns fetching from it, so that they claim
        // entities in the order the transport delivered them; without, each competes on a subscription of its own
        Subscription shared = settings.entityAffinity() ? transport.subscribe(group, wireNames) : null;
        for (int i = 1; i <= instanceCount; i++) {
            instances.add(new Instance(group + "@" + settings.nodeId() + "#" + i, shared != null ? shared
                    : transport.subscribe(group, wireNames)));
        }
    }

    public String name() {
        return group;
    }

    /** Starts one thread per instance. */
    public void start() {
        for (Instance instance : instances) {
            Thread thread = new Thread(instance::run, "boxoffice-" + instance.counters.id);
            thread.setDaemon(true);
            instance.thread = thread;
            thread.start();
        }
    }

    /** The counters of every instance. */
    public List<ReplicaCounters> counters() {
        return instances.stream().map(i -> i.counters.snapshot()).toList();
    }

    /** Events of this group not yet settled, plus deliveries being handled right now. */
    public long backlog() {
        return instances.get(0).subscription.backlog() + inFlight.get();
    }

    public List<DeadLetter> deadLetters() {
        return db.read(h -> h.createQuery("SELECT " + DEAD_LETTER_COLUMNS + " FROM dead_letters "
                        + "ORDER BY dead_at, rowid")
                .map((rs, ctx) -> deadLetter(rs))
                .list());
    }

    /**
     * Where a dead letter stands in the order the operator pages through: when it was set aside (as stored), then
     * its row's arrival in its store. Pages across the services' stores add the group between the two.
     */
    public record DeadLetterPosition(String deadAt, long row) {

        /** Before every dead letter. */
        public static final DeadLetterPosition FIRST = new DeadLetterPosition("", -1);

        /** For a group after this one's: its dead letters of the same moment come after this one too. */
        public DeadLetterPosition sameTimeToo() {
            return new DeadLetterPosition(deadAt, -1);
        }

        /** For a group before this one's: only its dead letters of a later moment come after this one. */
        public DeadLetterPosition laterOnly() {
            return new DeadLetterPosition(deadAt, Long.MAX_VALUE);
        }
    }

    /** The position of this group's dead letter {@code id}, if it is one of its. */
    public Optional<DeadLetterPosition> deadLetterPosition(String id) {
        return db.read(h -> h.createQuery("SELECT dead_at, rowid FROM dead_letters WHERE id = :id")
                .bind("id", id)
                .map((rs, ctx) -> new DeadLetterPosition(rs.getString("dead_at"), rs.getLong("rowid")))
                .findOne());
    }

    /** Up to {@code limit} of this group's dead letters after {@code position}, in order (an index range). */
    public List<DeadLetter> deadLettersAfter(DeadLetterPosition position, int limit) {
        return db.read(h -> h.createQuery("SELECT " + DEAD_LETTER_COLUMNS + " FROM dead_letters "
                        + "WHERE (dead_at, rowid) > (:deadAt, :row) ORDER BY dead_at, rowid LIMIT :limit")
                .bind("deadAt", position.deadAt())
                .bind("row", position.row())
                .bind("limit", limit)
                .map((rs, ctx) -> deadLetter(rs))
                .list());
    }

    public long deadLetterCount() {
        return db.read(h -> h.createQuery("SELECT count(*) FROM dead_letters").mapTo(Long.class).one());
    }

    public Optional<DeadLetter> deadLetter(String id) {
        return db.read(h -> h.createQuery("SELECT " + DEAD_LETTER_COLUMNS + " FROM dead_letters WHERE id = :id")
                .bind("id", id)
                .map((rs, ctx) -> deadLetter(rs))
                .findOne());
    }

    private static final String DEAD_LETTER_COLUMNS = "id, consumer_group, deliveries, reason, dead_at, "
            + Envelopes.COLUMNS;

    private static DeadLetter deadLetter(java.sql.ResultSet rs) throws java.sql.SQLException {
        return new DeadLetter(rs.getString("id"), rs.getString("consumer_group"), Envelopes.read(rs),
                rs.getInt("deliveries"), rs.getString("reason"), Instant.parse(rs.getString("dead_at")));
    }

    /** Hands a dead letter to the handler once more; see {@link dev.boxoffice.engine.bus.DeadLetters#retry}. */
    public RetryOutcome retry(String deadLetterId) {
        DeadLetter letter = deadLetter(deadLetterId)
                .orElseThrow(() -> new NotFoundException("dead letter", deadLetterId,
                        "Dead letter not found: " + deadLetterId));
        EventEnvelope event = letter.event();
        try {
            EventHandler.Result result = handleOnce(event);
            LOG.info("Dead letter {} ({}) retried by an operator: {}", deadLetterId, event, result);
            return new RetryOutcome(deadLetterId, true,
                    result == EventHandler.Result.APPLIED ? "applied" : "already applied; dropped");
        } catch (RuntimeException e) {
            return keepDeadLetter(letter, describe(e));
        }
    }

    private RetryOutcome keepDeadLetter(DeadLetter letter, String reason) {
        db.inTransaction(h -> h.createUpdate(
                        "UPDATE dead_letters SET deliveries = deliveries + 1, reason = :reason WHERE id = :id")
                .bind("reason", reason)
                .bind("id", letter.id())
                .execute());
        return new RetryOutcome(letter.id(), false, reason);
    }

    /**
     * Forgets the oldest inbox records handled before {@code cutoff}, at most {@code max}; returns how many. A
     * delivery of such an event again is handled again, and the handlers' version and state checks drop it.
     */
    static int pruneInbox(Handle h, Instant cutoff, int max) {
        return h.createUpdate("DELETE FROM processed_events WHERE event_id IN (SELECT event_id FROM processed_events "
                        + "WHERE processed_at < :cutoff ORDER BY processed_at LIMIT :max)")
                .bind("cutoff", StoredTimes.format(cutoff)).bind("max", max).execute();
    }

    /** Handles an event once in a transaction with the inbox; refusals and failures propagate. */
    private EventHandler.Result handleOnce(EventEnvelope event) {
        return db.inTransaction(h -> {
            EventHandler.Result result = handleWithin(h, event);
            forgetDeadLetters(h, List.of(event.eventId()));
            return result;
        });
    }

    /**
     * Handles an event inside the caller's transaction, recording it in the inbox first: of two instances (in any
     * process) handling one event at once, the second waits for the first's transaction and then finds it recorded.
     * An event whose handler drops duplicates itself goes to it unrecorded.
     */
    private EventHandler.Result handleWithin(Handle h, EventEnvelope event) {
        if (!recorded.contains(event.subject())) {
            return handler.handle(h, event);
        }
        int inserted = h.createUpdate("INSERT INTO processed_events (event_id, consumer_group, processed_at) "
                        + "VALUES (:id, :group, :at) ON CONFLICT DO NOTHING")
                .bind("id", event.eventId())
                .bind("group", group)
                .bind("at", StoredTimes.format(clock.instant()))
                .execute();
        if (inserted == 0) {
            return EventHandler.Result.DUPLICATE;
        }
        return handler.handle(h, event);
    }

    /**
     * Deletes the dead letters of events just handled, in the handling's transaction: one set aside earlier (by this
     * node or another) and then applied after all, or found applied already, is no longer waiting for an operator.
     * One statement for a whole batch.
     */
    private void forgetDeadLetters(Handle h, List<String> eventIds) {
        if (eventIds.isEmpty()) {
            return;
        }
        h.createUpdate("DELETE FROM dead_letters WHERE consumer_group = :group AND event_id "
                        + db.dialect().inJsonArray("ids"))
                .bind("group", group)
                .bind("ids", Json.write(eventIds))
                .execute();
    }

    private void requestGapRepair(OutOfOrderEventException refusal, EventEnvelope refused, int deliveryCount,
                                  ReplicaCounterSet counters) {
        Subject subject = resyncSubjects.get(refusal.entity());
        if (subject == null) {
            return;
        }
        int attempt = deliveryCount / settings.gapRepairAfter();
        boolean requested = db.inTransaction(h -> {
            int inserted = h.createUpdate("INSERT INTO gap_repairs (entity, aggregate_id, known_version, attempt, "
                            + "refused_event, requested_at) VALUES (:entity, :id, :known, :attempt, :event, :at) "
                            + "ON CONFLICT DO NOTHING")
                    .bind("entity", refusal.entity())
                    .bind("id", refusal.id())
                    .bind("known", refusal.knownVersion())
                    .bind("attempt", attempt)
                    .bind("event", refused.eventId())
                    .bind("at", StoredTimes.format(clock.instant()))
                    .execute();
            if (inserted == 1) {
                db.outbox().append(h, subject, refusal.id(), refusal.knownVersion(),
                        new ResyncRequested(refusal.id(), refusal.knownVersion(), counters.id),
                        refused.correlationId());
            }
            return inserted == 1;
        });
        if (requested) {
            counters.gapRepairs.incrementAndGet();
            LOG.info("{}: {} {} stuck at version {} ({} refused {} times); asked its owner for a snapshot",
                    counters.id, refusal.entity(), refusal.id(), refusal.knownVersion(), refused, deliveryCount);
        }
    }

    /** When an instance here first refused this event as out of order: now, if none did since it was settled. */
    private long firstRefusal(EventEnvelope event, long now) {
        if (firstRefused.size() >= REFUSALS_REMEMBERED) {
            firstRefused.clear();
        }
        return firstRefused.computeIfAbsent(event.eventId(), id -> now);
    }

    private static String describe(RuntimeException e) {
        return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    }

    @Override
    public void close() {
        closed = true;
        parking.close();
        for (Instance instance : instances) {
            if (instance.thread != null) {
                try {
                    instance.thread.join(10_000);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
        }
    }

    /** What handling one delivery came to, before it is settled with the transport. */
    private record Outcome(Delivery delivery, DeliveryFate fate, RuntimeException failure, long atNanos) {
    }

    /** One competing consumer instance. */
    private final class Instance {

        final ReplicaCounterSet counters;
        final Subscription subscription;
        Thread thread;

        Instance(String id, Subscription subscription) {
            this.counters = new ReplicaCounterSet(id, group, settings.nodeId());
            this.subscription = subscription;
        }

        void run() {
            Outage outage = new Outage(counters.id + " fetching", Outage.Report.LOG_LINES);
            while (!closed) {
                List<Delivery> work;
                try {
                    work = fetchAndClaim();
                    outage.succeeded();
                } catch (RuntimeException e) {
                    if (!closed) {
                        pause(outage.failed(e));
                    }
                    continue;
                }
                // this instance's share of the batch, then what it unblocks or is handed, until nothing is left
                if (work.isEmpty()) {
                    work = claims.next(this, work);
                }
                try {
                    while (!work.isEmpty() && !closed) {
                        int taken = work.size();
                        inFlight.addAndGet(taken);
                        List<Delivery> again;
                        try {
                            again = processBatch(work);
                        } finally {
                            inFlight.addAndGet(-taken);
                            activity.bump();
                        }
                        work = claims.next(this, again);
                    }
                } catch (RuntimeException unexpected) {
                    // e.g. settling with a transport that just went away: let go of this instance's entities, so
                    // that another instance takes them; what was not settled comes back after the ack wait
                    int dropped = claims.abandon(this);
                    if (!closed) {
                        LOG.warn("{}: handling failed, {} deliveries left to come back after the ack wait: {}",
                                counters.id, work.size() + dropped, unexpected.toString());
                        pause(outage.failed(unexpected));
                    }
                }
            }
        }

        /** Fetches a batch and claims its entities: taking turns with the other instances when they share. */
        private List<Delivery> fetchAndClaim() {
            if (!settings.entityAffinity()) {
                return subscription.fetch(settings.fetchBatch(), settings.pollWait());
            }
            synchronized (fetching) {
                return claims.claim(this, subscription.fetch(settings.fetchBatch(), settings.pollWait()));
            }
        }

        /** Waits before fetching again after a failure, in short steps so that closing is not held up. */
        private void pause(long nanos) {
            long until = System.nanoTime() + nanos;
            for (long left = nanos; left > 0 && !closed; left = until - System.nanoTime()) {
                java.util.concurrent.locks.LockSupport.parkNanos(Math.min(left, 50_000_000L));
            }
        }

        /**
         * Handles a fetched batch in one transaction, each event under a savepoint of its own so that a refused
         * or failing event is rolled back alone; events of one entity are taken in version order. Acks go out in
         * bulk after the commit. If the transaction fails as a whole, each event is handled on its own.
         */
        private List<Delivery> processBatch(List<Delivery> fetched) {
            List<Delivery> deliveries = new ArrayList<>(fetched);
            deliveries.sort(java.util.Comparator.comparing((Delivery d) -> d.event().aggregateId())
                    .thenComparingLong(d -> d.event().version()));
            for (Delivery delivery : deliveries) {
                counters.delivered.incrementAndGet();
                if (delivery.deliveryCount() > 1) {
                    counters.redelivered.incrementAndGet();
                }
            }
            List<Outcome> outcomes;
            try {
                outcomes = db.inTransaction(h -> handleBatch(h, deliveries));
            } catch (RuntimeException batchFailure) {
                if (closed) {
                    return List.of();
                }
                outcomes = deliveries.stream().map(this::handleAlone).toList();
            }
            return settle(outcomes);
        }

        private List<Outcome> handleBatch(Handle h, List<Delivery> deliveries) {
            List<Outcome> outcomes = new ArrayList<>();
            List<String> handled = new ArrayList<>();
            for (int i = 0; i < deliveries.size(); i++) {
                Delivery delivery = deliveries.get(i);
                String savepoint = "delivery" + i;
                h.savepoint(savepoint);
                try {
                    EventHandler.Result result = handleWithin(h, delivery.event());
                    outcomes.add(new Outcome(delivery, result == EventHandler.Result.APPLIED ? DeliveryFate.APPLIED
                            : DeliveryFate.DUPLICATE, null, settings.ticker().read()));
                } catch (org.jdbi.v3.core.JdbiException storage) {
                    throw storage;
                } catch (RuntimeException refusal) {
                    // Jdbi forgets a savepoint once rolled back to (releasing it again would fail the batch)
                    h.rollbackToSavepoint(savepoint);
                    outcomes.add(new Outcome(delivery, refusal instanceof OutOfOrderEventException
                            ? DeliveryFate.OUT_OF_ORDER : DeliveryFate.FAILED, refusal, settings.ticker().read()));
                    continue;
                }
                h.releaseSavepoint(savepoint);
                handled.add(delivery.event().eventId());
            }
            forgetDeadLetters(h, handled);
            return outcomes;
        }

        private Outcome handleAlone(Delivery delivery) {
            try {
                EventHandler.Result result = handleOnce(delivery.event());
                return new Outcome(delivery, result == EventHandler.Result.APPLIED ? DeliveryFate.APPLIED
                        : DeliveryFate.DUPLICATE, null, settings.ticker().read());
            } catch (OutOfOrderEventException e) {
                return new Outcome(delivery, DeliveryFate.OUT_OF_ORDER, e, settings.ticker().read());
            } catch (RuntimeException e) {
                return new Outcome(delivery, DeliveryFate.FAILED, e, settings.ticker().read());
            }
        }

        /**
         * Counts, acks (in bulk) or refuses each delivery after the batch's commit, tells the observer, and then
         * returns the parked deliveries the applied ones were waiting for (and refused ones whose predecessor was
         * applied meanwhile), to be handled again by this instance at once.
         */
        private List<Delivery> settle(List<Outcome> outcomes) {
            List<Delivery> again = new ArrayList<>();
            List<Delivery> acks = new ArrayList<>();
            List<Outcome> observed = new ArrayList<>();
            List<EventEnvelope> applied = new ArrayList<>();
            for (Outcome o : outcomes) {
                Delivery delivery = o.delivery();
                EventEnvelope event = delivery.event();
                DeliveryFate fate = o.fate();
                switch (o.fate()) {
                    case APPLIED -> {
                        counters.applied.incrementAndGet();
                        acks.add(delivery);
                        applied.add(event);
                        firstRefused.remove(event.eventId());
                    }
                    case DUPLICATE -> {
                        counters.duplicates.incrementAndGet();
                        acks.add(delivery);
                        firstRefused.remove(event.eventId());
                    }
                    case OUT_OF_ORDER -> {
                        counters.outOfOrderRefused.incrementAndGet();
                        OutOfOrderEventException refusal = (OutOfOrderEventException) o.failure();
                        if (delivery.deliveryCount() % settings.gapRepairAfter() == 0) {
                            requestGapRepair(refusal, event, delivery.deliveryCount(), counters);
                        }
                        long refusedFor = o.atNanos() - firstRefusal(event, o.atNanos());
                        boolean patient = delivery.deliveryCount() < settings.maxDeliveries()
                                || refusedFor < outOfOrderPatienceNanos;
                        if (patient && !closed) {
                            // wait for the version before it rather than for a timer
                            if (!parking.park(refusal.entity() + ":" + refusal.id(), event.version() - 1, delivery,
                                    settings.backoff(delivery.deliveryCount()))) {
                                again.add(LocalRedelivery.of(delivery));
                            }
                        } else {
                            firstRefused.remove(event.eventId());
                            fate = refuse(delivery, refusal.getMessage(), DeliveryFate.OUT_OF_ORDER);
                        }
                    }
                    default -> {
                        if (closed) {
                            return List.of();
                        }
                        LOG.warn("{}: handling {} failed (delivery {}): {}", counters.id, event,
                                delivery.deliveryCount(), o.failure().toString());
                        fate = refuse(delivery, describe(o.failure()), DeliveryFate.FAILED);
                    }
                }
                if (fate != null) {
                    observed.add(new Outcome(delivery, fate, null, o.atNanos()));
                }
            }
            if (!acks.isEmpty()) {
                // the transport's own deliveries, so that it can settle them in bulk
                subscription.ack(acks.stream().map(d -> d instanceof LocalRedelivery local ? local.leased() : d)
                        .toList());
            }
            for (Outcome o : observed) {
                settings.observer().accept(new DeliveryRecord(counters.id, group, o.delivery().event(),
                        o.delivery().deliveryCount(), o.fate(), o.atNanos()));
            }
            // only now hand back what these unblock, so that a successor is always settled after its predecessor
            for (EventEnvelope event : applied) {
                parking.applied(Envelopes.entityOf(event), event.version()).forEach(d ->
                        again.add(LocalRedelivery.of(d)));
            }
            return again;
        }

        /** Refuses a delivery for now, or sets it aside after its last delivery; null when closing. */
        private DeliveryFate refuse(Delivery delivery, String reason, DeliveryFate fate) {
            if (closed) {
                return null;
            }
            if (delivery.deliveryCount() < settings.maxDeliveries()) {
                delivery.nak(settings.backoff(delivery.deliveryCount()));
                return fate;
            }
            EventEnvelope event = delivery.event();
            db.inTransaction(h -> Envelopes.bind(h.createUpdate("INSERT INTO dead_letters (id, consumer_group, "
                                    + "deliveries, reason, dead_at, " + Envelopes.COLUMNS + ") VALUES (:id, :group, "
                                    + ":deliveries, :reason, :deadAt, " + Envelopes.PARAMETERS + ") "
                                    + "ON CONFLICT (consumer_group, event_id) DO UPDATE SET "
                                    + "deliveries = excluded.deliveries, reason = excluded.reason"), event)
                    .bind("id", UUID.randomUUID().toString())
                    .bind("group", group)
                    .bind("deliveries", delivery.deliveryCount())
                    .bind("reason", reason)
                    .bind("deadAt", StoredTimes.format(clock.instant()))
                    .execute());
            counters.deadLettered.incrementAndGet();
            LOG.warn("{}: gave up on {} after {} deliveries, set aside as a dead letter: {}", counters.id, event,
                    delivery.deliveryCount(), reason);
            delivery.ack();
            return DeliveryFate.DEAD_LETTERED;
        }
    }
}
