package dev.boxoffice.engine;

import dev.boxoffice.engine.bus.DeadLetter;
import dev.boxoffice.engine.bus.DeadLetters;
import dev.boxoffice.engine.bus.Outboxes;
import dev.boxoffice.engine.bus.Transport;
import dev.boxoffice.engine.event.EventLog;
import dev.boxoffice.engine.event.Subject;
import dev.boxoffice.engine.expiration.Expirations;
import dev.boxoffice.engine.internal.Arguments;
import dev.boxoffice.engine.cluster.NodeStatus;
import dev.boxoffice.engine.cluster.Nodes;
import dev.boxoffice.engine.internal.cluster.Duty;
import dev.boxoffice.engine.internal.cluster.Leases;
import dev.boxoffice.engine.internal.cluster.NodeRegistry;
import dev.boxoffice.engine.internal.expiration.ExpirationService;
import dev.boxoffice.engine.internal.messaging.Activity;
import dev.boxoffice.engine.internal.messaging.BacklogSource;
import dev.boxoffice.engine.internal.messaging.ConsumerGroup;
import dev.boxoffice.engine.internal.messaging.ConsumerSettings;
import dev.boxoffice.engine.internal.messaging.EmbeddedTransport;
import dev.boxoffice.engine.internal.messaging.LogSequence;
import dev.boxoffice.engine.internal.messaging.OutboxEventLog;
import dev.boxoffice.engine.internal.messaging.OutboxRelay;
import dev.boxoffice.engine.internal.messaging.ServiceDatabase;
import dev.boxoffice.engine.internal.messaging.Worker;
import dev.boxoffice.engine.internal.order.OrderService;
import dev.boxoffice.engine.internal.payment.PaymentService;
import dev.boxoffice.engine.internal.storage.DataDirectoryLock;
import dev.boxoffice.engine.internal.storage.Dialect;
import dev.boxoffice.engine.internal.storage.SqliteFiles;
import dev.boxoffice.engine.store.Store;
import dev.boxoffice.engine.internal.storage.Durability;
import dev.boxoffice.engine.internal.ticket.TicketService;
import dev.boxoffice.engine.order.Orders;
import dev.boxoffice.engine.payment.PaymentGateway;
import dev.boxoffice.engine.payment.Payments;
import dev.boxoffice.engine.payment.SimulatedPaymentGateway;
import dev.boxoffice.engine.replication.ReplicaCounters;
import dev.boxoffice.engine.ticket.Tickets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * The Boxoffice engine: the tickets, orders, expiration and payments services, each with its own store (a SQLite
 * file by default, or a PostgreSQL schema that several processes share: {@link BoxOfficeBuilder#storage}), talking
 * only through events over a transport (by default a durable SQLite log) with a transactional outbox on the sending
 * side and idempotent, version-checking consumers on the receiving side.
 *
 * <p>Build one with {@link #builder()}; close it when done. Calls on {@link #tickets()} and {@link #orders()}
 * return once the change and its event are committed; the event reaches the other services shortly after, so
 * a just-created ticket may be unknown to the orders service for a moment. {@link #awaitQuiescence(Duration)}
 * waits until every event has been delivered and handled.
 *
 * <p>One engine per data directory: {@link BoxOfficeBuilder#build()} takes an OS lock on it, held until
 * {@link #close()} (or the end of the process), and refuses a second engine with
 * {@link DataDirectoryInUseException}.
 *
 * <p>Bad calls are refused one way, on every public method of the engine and its services: a missing or malformed
 * argument (null, a blank user id, an id that is not a UUID, a limit below 1) throws a {@link ValidationException}
 * whose {@link ValidationException#field() field} is the argument's name, before anything is read or written; any
 * call after {@link #close()} throws {@link IllegalStateException} ("The engine is closed"). Refusals of the
 * domain (not found, not the owner, a rule broken) are the other subclasses of {@link BoxOfficeException}.
 *
 * <pre>{@code
 * try (BoxOffice engine = BoxOffice.builder().dataDirectory(dir).build()) {
 *     Ticket ticket = engine.tickets().create("Concert", Money.of("20.00", "USD"), "seller");
 *     engine.awaitQuiescence(Duration.ofSeconds(5));
 *     Order order = engine.orders().place(ticket.id(), "buyer");
 * }
 * }</pre>
 */
public final class BoxOffice implements AutoCloseable {

    private static final Map<String, Subject> RESYNC_SUBJECTS = Map.of(
            "ticket", Subject.TICKET_RESYNC_REQUESTED,
            "order", Subject.ORDER_RESYNC_REQUESTED);

    /** How often the timer and settlement loops look for work when nothing woke them. */
    private static final Duration WORKER_POLL = Duration.ofMillis(25);
    /** How long nothing must move before the quiescence check reads the stores again. */
    private static final long QUIET_PAUSE_NANOS = TimeUnit.MILLISECONDS.toNanos(2);

    private final Activity activity = new Activity();
    private final LogSequence logSequence = new LogSequence();
    private final Transport transport;
    private final List<ServiceDatabase> databases = new ArrayList<>();
    private final List<OutboxRelay> relays = new ArrayList<>();
    private final List<ConsumerGroup> groups = new ArrayList<>();
    private final List<Worker> workers = new ArrayList<>();
    private final List<BacklogSource> backlogSources = new ArrayList<>();
    private final OutboxEventLog eventLog = new OutboxEventLog(databases);
    private final TicketService tickets;
    private final OrderService orders;
    private final ExpirationService expirations;
    private final PaymentService payments;
    private final PaymentGateway paymentGateway;
    /** The default gateway, created (and so closed) by the engine; null when the builder was given one. */
    private SimulatedPaymentGateway ownedGateway;
    private final DeadLetters deadLetters = new EngineDeadLetters();
    private final Outboxes outboxes = new EngineOutboxes();
    private boolean started;
    private volatile boolean closed;
    /** One engine per data directory: held from the start of the constructor until close. */
    private final DataDirectoryLock directoryLock;
    private final String nodeId;
    private final String runId = java.util.UUID.randomUUID().toString();
    /** The cluster store: the node registry and the leases of duties (one node at a time does each). */
    private Store clusterStore;
    private NodeRegistry registry;
    private Leases leases;
    /** Renews this node's leases, takes those that ran out, and reports its instances: once every renewal interval. */
    private Worker membership;
    private final Nodes nodes = new EngineNodes();

    BoxOffice(BoxOfficeBuilder b) {
        this.directoryLock = DataDirectoryLock.acquire(b.dataDirectory);
        this.nodeId = b.nodeId;
        Durability durability = b.durableCommits ? Durability.FULL : Durability.NORMAL;
        ConsumerSettings settings = new ConsumerSettings(b.maxDeliveries, b.gapRepairAfter, b.redeliveryBackoff,
                b.maxRedeliveryBackoff, b.fetchBatch, Duration.ofMillis(100), b.ticker, b.deliveryObserver,
                b.entityAffinity, b.nodeId);
        try {
            openCluster(b);
            Transport base = b.transport != null ? b.transport
                    : EmbeddedTransport.open(b.dataDirectory, durability, b.ticker, b.ackWait, b.entityAffinity);
            if (base instanceof EmbeddedTransport log) {
                workers.add(logRetention(log, b));
            }
            this.transport = b.transportDecorator.apply(base);

            ServiceDatabase ticketsDb = openDatabase(b, "tickets");
            ServiceDatabase ordersDb = openDatabase(b, "orders");
            ServiceDatabase expirationDb = openDatabase(b, "expiration");
            ServiceDatabase paymentsDb = openDatabase(b, "payments");
            if (b.paymentGateway != null) {
                this.paymentGateway = b.paymentGateway;
            } else {
                SimulatedPaymentGateway simulated = SimulatedPaymentGateway.durable(b.storageOf("gateway"));
                ownedGateway = simulated;
                this.paymentGateway = simulated;
            }
            this.tickets = new TicketService(ticketsDb);
            this.orders = new OrderService(ordersDb, b.clock, b.expiryWindow, b.versionedReplicas);
            this.expirations = new ExpirationService(expirationDb, b.clock);
            this.payments = new PaymentService(paymentsDb, paymentGateway, b.clock);
            groups.add(new ConsumerGroup("tickets", ticketsDb, transport, TicketService.SUBSCRIBES_TO, tickets, 1,
                    settings, b.clock, activity, RESYNC_SUBJECTS));
            groups.add(new ConsumerGroup("orders", ordersDb, transport, OrderService.SUBSCRIBES_TO, orders,
                    b.orderReplicas, settings, b.clock, activity, RESYNC_SUBJECTS));
            groups.add(new ConsumerGroup("expiration", expirationDb, transport, ExpirationService.SUBSCRIBES_TO,
                    expirations, 1, settings, b.clock, activity, RESYNC_SUBJECTS));
            groups.add(new ConsumerGroup("payments", paymentsDb, transport, PaymentService.SUBSCRIBES_TO,
                    payments, 1, settings, b.clock, activity, RESYNC_SUBJECTS));
            workers.add(dutyWorker("expiration-timers", expirations::fireDue, expirations::nothingPending,
                    expirationDb));
            workers.add(dutyWorker("payment-settlement", payments::settle, payments::nothingPending, paymentsDb));
            backlogSources.add(expirations);
            backlogSources.add(payments);
        } catch (RuntimeException e) {
            closeQuietly();
            throw e;
        }
    }

    private ServiceDatabase openDatabase(BoxOfficeBuilder b, String name) {
        ServiceDatabase db = ServiceDatabase.open(b.storageOf(name), name, 4, b.clock, logSequence);
        databases.add(db);
        relays.add(new OutboxRelay(db, transport, activity, 256, eventLog, b.ticker, b.clock, b.outboxRetention,
                b.processedEventRetention, leases.duty("relay:" + name)));
        return db;
    }

    /**
     * Opens the cluster store and takes this node's id in it (waiting out a run of the same id that just died,
     * refusing one that still runs), before any service opens.
     */
    private void openCluster(BoxOfficeBuilder b) {
        clusterStore = b.storageOf("cluster").open("cluster", 2, "cluster");
        Dialect dialect = Dialect.of(clusterStore.dataSource());
        org.jdbi.v3.core.Jdbi jdbi = SqliteFiles.jdbi(clusterStore.dataSource(), dialect);
        registry = new NodeRegistry(jdbi, dialect, nodeId, runId, b.leaseTimeToLive);
        registry.register();
        leases = new Leases(jdbi, dialect, nodeId, runId, b.leaseTimeToLive, b.ticker);
        membership = new Worker("cluster@" + nodeId, leases.renewInterval(), () -> {
            leases.round();
            registry.report(localReplicas());
            return 0;
        });
    }

    /**
     * Prunes the embedded log of what every consumer group acknowledged before the log retention: every minute, or
     * every quarter of the retention when that is shorter, 5,000 messages a transaction.
     */
    private static Worker logRetention(EmbeddedTransport log, BoxOfficeBuilder b) {
        long interval = OutboxRelay.pruneIntervalNanos(b.logRetention);
        long[] prunedAt = {b.ticker.read() - interval};
        return new Worker("log-retention", Duration.ofMillis(Math.max(1, Math.min(1_000, interval / 1_000_000))), () -> {
            long now = b.ticker.read();
            if (now - prunedAt[0] < interval) {
                return 0;
            }
            int deleted = log.pruneAcknowledged(b.clock.instant().minus(b.logRetention), 5_000);
            if (deleted < 5_000) {
                prunedAt[0] = now;
            }
            return deleted;
        });
    }

    /**
     * A loop doing a duty that one node does at a time over a store: idle while another node holds it, woken on
     * taking it. While it holds the duty and finds nothing pending in {@code store}, and while another node holds
     * it, the loop turns only at each lease renewal interval (enough to keep renewing) and on each commit of this
     * node's to the store; a commit of another node's is seen at the next turn.
     */
    private Worker dutyWorker(String name, java.util.function.IntSupplier step,
                              java.util.function.BooleanSupplier nothingPending, ServiceDatabase store) {
        Duty duty = leases.duty(name);
        Worker worker = new Worker(name, WORKER_POLL, () -> {
            duty.turned();
            return duty.held() ? step.getAsInt() : 0;
        }).quietWhen(() -> !duty.held() || nothingPending.getAsBoolean(), leases.renewInterval());
        duty.onAcquired(worker::wake);
        store.afterEachCommit(worker::changed);
        return worker;
    }

    private List<dev.boxoffice.engine.replication.ReplicaCounters> localReplicas() {
        return groups.stream().flatMap(g -> g.counters().stream()).toList();
    }

    /** Starts a new builder. */
    public static BoxOfficeBuilder builder() {
        return new BoxOfficeBuilder();
    }

    /** The tickets service. */
    public Tickets tickets() {
        return tickets;
    }

    /** The orders service. */
    public Orders orders() {
        return orders;
    }

    /** The payments service. */
    public Payments payments() {
        return payments;
    }

    /** The expiration service's pending timers, for an operator. */
    public Expirations expirations() {
        return expirations;
    }

    /** Every event the services published, for an operator: a filtered list and a live feed. */
    public EventLog events() {
        return eventLog;
    }

    /** The payment gateway in use (the simulated one unless the builder was given another). */
    public PaymentGateway paymentGateway() {
        return paymentGateway;
    }

    /** Events that consumers gave up on, for an operator to inspect and retry. */
    public DeadLetters deadLetters() {
        return deadLetters;
    }

    /**
     * The services' outboxes: what each keeps of what it published, and republishing from a log position or a
     * time (after a broker lost events).
     */
    public Outboxes outboxes() {
        return outboxes;
    }

    /**
     * The counters of every consumer instance (the order-service replicas, the tickets service, ...): this node's as
     * they are now, then those of the other nodes sharing the stores that have not stopped, as they last reported
     * (about once a second; {@link #nodes()} tells when).
     */
    public List<ReplicaCounters> replicas() {
        requireOpen();
        List<ReplicaCounters> all = new ArrayList<>(localReplicas());
        all.addAll(registry.othersReplicas());
        return all;
    }

    /**
     * How each service's store committed the commands it was given (placements, edits, ...): how many shared each
     * commit. For an operator, and for benchmarks that explain a durable rate.
     */
    public List<dev.boxoffice.engine.store.CommitCounts> commitCounts() {
        requireOpen();
        return databases.stream().map(ServiceDatabase::commitCounts).toList();
    }

    /** The nodes (engines) sharing this engine's stores, this one among them: for an operator. */
    public Nodes nodes() {
        requireOpen();
        return nodes;
    }

    /**
     * Each consumer group's lag: the deliveries its transport still holds for it (not yet taken, or taken and not
     * yet settled), by group name ({@code tickets}, {@code orders}, {@code expiration}, {@code payments}). On NATS
     * JetStream each read asks the broker.
     */
    public java.util.Map<String, Long> lag() {
        requireOpen();
        java.util.Map<String, Long> lag = new java.util.LinkedHashMap<>();
        groups.forEach(g -> lag.put(g.name(), g.backlog()));
        return lag;
    }

    /**
     * Starts publishing and handling events. {@link BoxOfficeBuilder#build()} calls it unless
     * {@link BoxOfficeBuilder#autoStart(boolean)} was turned off; calling it again does nothing.
     */
    public synchronized void start() {
        if (closed) {
            throw new IllegalStateException("The engine is closed");
        }
        if (started) {
            return;
        }
        started = true;
        // a first round at once: a lone node holds its duties from the start, not a renewal interval later
        leases.starting();
        leases.round();
        registry.report(localReplicas());
        membership.start();
        payments.recoverInterrupted();
        relays.forEach(OutboxRelay::start);
        groups.forEach(ConsumerGroup::start);
        workers.forEach(Worker::start);
    }

    /**
     * Waits until every committed event has been published, delivered to every consumer group and settled
     * (applied, dropped as a duplicate, or set aside as a dead letter), with nothing moving while that was
     * checked.
     *
     * @throws QuiescenceTimeoutException if events are still in flight after {@code timeout}
     * @throws IllegalStateException      if the engine was not started
     */
    public void awaitQuiescence(Duration timeout) {
        Arguments.present("timeout", timeout);
        synchronized (this) {
            requireOpen();
            if (!started) {
                throw new IllegalStateException("The engine is not running: start() it first");
            }
        }
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            long before = activity.steps();
            String backlog = backlog();
            if (backlog.isEmpty() && activity.steps() == before) {
                return;
            }
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                throw new QuiescenceTimeoutException(timeout, backlog.isEmpty() ? "events still moving" : backlog);
            }
            try {
                awaitPause(deadline);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new QuiescenceTimeoutException(timeout, "interrupted while waiting");
            }
        }
    }

    /**
     * Waits until nothing has moved for a moment (or 20 ms at most, or the deadline), so that the idle check,
     * which reads every store, runs when it can succeed rather than on every step of every event.
     */
    private void awaitPause(long deadline) throws InterruptedException {
        long until = Math.min(deadline, System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(20));
        long seen = activity.steps();
        while (System.nanoTime() < until) {
            activity.awaitChange(seen, Math.min(QUIET_PAUSE_NANOS, until - System.nanoTime()));
            long now = activity.steps();
            if (now == seen) {
                return;
            }
            seen = now;
        }
    }

    /**
     * What is still in flight, e.g. "orders outbox: 3, orders group: 1"; empty when nothing is. The parts are read
     * in the direction work flows — due timers and unsettled charges, then outboxes, then the transport's groups —
     * so that work moving between two of them during the read is always found in the later one. (Work a consumer
     * hands back upstream is covered by its commit bumping the activity count before its ack.)
     */
    private String backlog() {
        List<String> parts = new ArrayList<>();
        for (BacklogSource source : backlogSources) {
            long backlog = source.backlog();
            if (backlog > 0) {
                parts.add(source.backlogName() + ": " + backlog);
            }
        }
        for (OutboxRelay relay : relays) {
            long unpublished = relay.unpublished();
            if (unpublished > 0) {
                parts.add(relay.name() + " outbox: " + unpublished);
            }
        }
        for (ConsumerGroup group : groups) {
            long backlog = group.backlog();
            if (backlog > 0) {
                parts.add(group.name() + " group: " + backlog);
            }
        }
        return String.join(", ", parts);
    }

    /** Refuses a call once the engine is closed; the stores refuse their own uses the same way. */
    private void requireOpen() {
        if (closed) {
            throw new IllegalStateException("The engine is closed: build a new one");
        }
    }

    /**
     * Stops delivering, then closes the transport and the stores, and releases the data directory. Events not
     * yet delivered stay in the outboxes and the log and are delivered when an engine is next opened on the same
     * data directory. Afterwards every call on the engine or its services throws {@link IllegalStateException}
     * ("The engine is closed").
     */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        closeQuietly();
    }

    private void closeQuietly() {
        if (membership != null) {
            membership.close();
        }
        workers.forEach(Worker::close);
        groups.forEach(ConsumerGroup::close);
        relays.forEach(OutboxRelay::close);
        if (leases != null) {
            leaveCluster();
        }
        if (transport != null) {
            transport.close();
        }
        eventLog.close();
        databases.forEach(ServiceDatabase::close);
        if (ownedGateway != null) {
            ownedGateway.close();
        }
        if (clusterStore != null) {
            clusterStore.close();
        }
        directoryLock.close();
    }

    /** Lets go of this node's duties (other nodes take them at their next round) and records that it stopped. */
    private void leaveCluster() {
        try {
            leases.releaseAll();
            registry.stopped();
        } catch (RuntimeException e) {
            // the leases run out by themselves, and the node is shown as no longer reporting
            org.slf4j.LoggerFactory.getLogger(BoxOffice.class).warn("{}: could not let go of its duties at close: {}",
                    nodeId, e.toString());
        }
    }

    private final class EngineNodes implements Nodes {

        @Override
        public String self() {
            return nodeId;
        }

        @Override
        public List<NodeStatus> list() {
            requireOpen();
            return registry.list(localReplicas(), leases.held());
        }

        @Override
        public String run() {
            return runId;
        }

        @Override
        public boolean isRunning(String run) {
            Arguments.text("run", run);
            requireOpen();
            return registry.isLive(run);
        }
    }

    private final class EngineOutboxes implements Outboxes {

        @Override
        public List<State> list() {
            requireOpen();
            return relays.stream().map(OutboxRelay::state).toList();
        }

        @Override
        public long republishFrom(long position) {
            if (position < 1) {
                throw new ValidationException("position", "position must be 1 or more, was " + position);
            }
            requireOpen();
            return relays.stream().mapToLong(relay -> relay.rewind(position)).sum();
        }

        @Override
        public long republishSince(Instant since) {
            Arguments.present("since", since);
            requireOpen();
            return relays.stream().mapToLong(relay -> relay.rewindSince(since)).sum();
        }
    }

    private final class EngineDeadLetters implements DeadLetters {

        @Override
        public List<DeadLetter> list() {
            requireOpen();
            return groups.stream().flatMap(g -> g.deadLetters().stream())
                    .sorted(Comparator.comparing(DeadLetter::deadAt)).toList();
        }

        @Override
        public List<DeadLetter> page(String afterId, int limit) {
            Arguments.positive("limit", limit);
            requireOpen();
            // the position to follow: before every dead letter for the first page
            ConsumerGroup.DeadLetterPosition after = ConsumerGroup.DeadLetterPosition.FIRST;
            int afterGroup = -1;
            if (afterId != null) {
                Arguments.text("afterId", afterId);
                for (int i = 0; i < groups.size() && afterGroup < 0; i++) {
                    Optional<ConsumerGroup.DeadLetterPosition> found = groups.get(i).deadLetterPosition(afterId);
                    if (found.isPresent()) {
                        after = found.get();
                        afterGroup = i;
                    }
                }
                if (afterGroup < 0) {
                    throw new NotFoundException("dead letter", afterId, "Dead letter not found: " + afterId);
                }
            }
            // each group's next ones in the total order (set aside when, then group, then arrival), merged
            List<DeadLetter> next = new ArrayList<>();
            for (int i = 0; i < groups.size(); i++) {
                ConsumerGroup.DeadLetterPosition from = i < afterGroup ? after.laterOnly()
                        : i == afterGroup ? after : after.sameTimeToo();
                next.addAll(groups.get(i).deadLettersAfter(from, limit));
            }
            return next.stream().sorted(Comparator.comparing(DeadLetter::deadAt)).limit(limit).toList();
        }

        @Override
        public long count() {
            requireOpen();
            return groups.stream().mapToLong(ConsumerGroup::deadLetterCount).sum();
        }

        @Override
        public RetryOutcome retry(String deadLetterId) {
            Arguments.text("deadLetterId", deadLetterId);
            for (ConsumerGroup group : groups) {
                if (group.deadLetter(deadLetterId).isPresent()) {
                    return group.retry(deadLetterId);
                }
            }
            throw new NotFoundException("dead letter", deadLetterId, "Dead letter not found: " + deadLetterId);
        }
    }
}
