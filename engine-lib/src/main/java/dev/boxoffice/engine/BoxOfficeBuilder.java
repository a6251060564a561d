package dev.boxoffice.engine;

import dev.boxoffice.engine.bus.Ticker;
import dev.boxoffice.engine.bus.Transport;
import dev.boxoffice.engine.payment.PaymentGateway;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import dev.boxoffice.engine.replication.DeliveryRecord;
import dev.boxoffice.engine.store.Storage;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.function.Consumer;
import java.util.function.UnaryOperator;

/**
 * Configures and builds a {@link BoxOffice}. Only {@link #dataDirectory(Path)} is required; every setter checks
 * its value and names it when refusing it.
 *
 * <pre>{@code
 * BoxOffice engine = BoxOffice.builder()
 *         .dataDirectory(Path.of("data"))
 *         .clock(Clock.systemUTC())
 *         .orderReplicas(4)
 *         .build();
 * }</pre>
 */
public final class BoxOfficeBuilder {

    Path dataDirectory;
    Clock clock = Clock.systemUTC();
    Ticker ticker = Ticker.system();
    boolean entityAffinity = true;
    int orderReplicas = 2;
    Duration expiryWindow = Duration.ofMinutes(15);
    boolean durableCommits = true;
    Duration ackWait = Duration.ofSeconds(30);
    Duration outboxRetention = Duration.ofDays(7);
    Duration processedEventRetention = Duration.ofDays(7);
    Duration logRetention = Duration.ofDays(7);
    int maxDeliveries = 25;
    int gapRepairAfter = 8;
    Duration redeliveryBackoff = Duration.ofMillis(5);
    Duration maxRedeliveryBackoff = Duration.ofMillis(500);
    Transport transport;
    UnaryOperator<Transport> transportDecorator = UnaryOperator.identity();
    boolean autoStart = true;
    int fetchBatch = 64;
    boolean versionedReplicas = true;
    Consumer<DeliveryRecord> deliveryObserver = record -> { };
    PaymentGateway paymentGateway;
    Storage storage;
    final Map<String, Storage> serviceStorage = new HashMap<>();
    String nodeId = "node-1";
    Duration leaseTimeToLive = Duration.ofSeconds(5);

    private static final java.util.regex.Pattern NODE_ID =
            java.util.regex.Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,63}");

    /**
     * Whether {@code nodeId} is a valid node id (see {@link #nodeId}): a letter or digit, then letters, digits, dots,
     * dashes and underscores, 64 at most. For an application that checks its settings before building an engine.
     */
    public static boolean isValidNodeId(String nodeId) {
        return nodeId != null && NODE_ID.matcher(nodeId).matches();
    }

    BoxOfficeBuilder() {
    }

    /**
     * The engine's own directory: its lock (one engine per directory), the embedded transport's {@code bus.db}
     * unless a {@link #transport} is given, and, unless a {@link #storage} is given, the services' SQLite files
     * (one per service: {@code tickets.db}, {@code orders.db}, {@code expiration.db}, {@code payments.db}, and
     * the simulated gateway's {@code gateway.db}). Required.
     */
    public BoxOfficeBuilder dataDirectory(Path dataDirectory) {
        this.dataDirectory = Objects.requireNonNull(dataDirectory, "dataDirectory");
        return this;
    }

    /**
     * This engine's name among the engines (nodes) sharing its stores: part of its consumer instances' names
     * ({@code orders@node-2#1}), of its thread names and of what it reports for the operator. Each engine sharing a
     * database needs its own; one that finds its id held by a running engine refuses to start
     * ({@link NodeIdInUseException}). Default {@code node-1}.
     */
    public BoxOfficeBuilder nodeId(String nodeId) {
        Objects.requireNonNull(nodeId, "nodeId");
        if (!isValidNodeId(nodeId)) {
            throw new IllegalArgumentException("nodeId must be 1 to 64 letters, digits, dots, dashes or underscores, "
                    + "starting with a letter or digit, was '" + nodeId + "'");
        }
        this.nodeId = nodeId;
        return this;
    }

    /**
     * How long a node's hold on a duty that one node does at a time (relaying an outbox, firing expiry timers,
     * settling payments) lasts without renewal: the holder renews it every fifth of that, and when the holder dies
     * another node takes the duty over within this time and a fifth. Default 5 seconds.
     */
    public BoxOfficeBuilder leaseTimeToLive(Duration ttl) {
        requirePositive("leaseTimeToLive", ttl);
        if (ttl.toMillis() < 50) {
            throw new IllegalArgumentException("leaseTimeToLive must be at least 50 ms, was " + ttl);
        }
        this.leaseTimeToLive = ttl;
        return this;
    }

    /** The business clock: event times and order expiry. Default: the system clock in UTC. */
    public BoxOfficeBuilder clock(Clock clock) {
        this.clock = Objects.requireNonNull(clock, "clock");
        return this;
    }

    /** The bus's timer source for ack waits and redelivery delays. Default: {@link Ticker#system()}. */
    public BoxOfficeBuilder ticker(Ticker ticker) {
        this.ticker = Objects.requireNonNull(ticker, "ticker");
        return this;
    }

    /** How many order-service instances compete for ticket events. Default 2. */
    public BoxOfficeBuilder orderReplicas(int orderReplicas) {
        if (orderReplicas < 1 || orderReplicas > 64) {
            throw new IllegalArgumentException("orderReplicas must be between 1 and 64, was " + orderReplicas);
        }
        this.orderReplicas = orderReplicas;
        return this;
    }

    /** How long an unpaid order holds its ticket. Default 15 minutes. */
    public BoxOfficeBuilder expiryWindow(Duration expiryWindow) {
        requirePositive("expiryWindow", expiryWindow);
        this.expiryWindow = expiryWindow;
        return this;
    }

    /**
     * Whether every commit is flushed to disk ({@code synchronous=FULL}, the default: survives a power cut) or
     * only to the operating system ({@code synchronous=NORMAL}: survives a crash of the process, faster). For the
     * SQLite files of the data directory; a PostgreSQL {@link #storage} is as durable as its server's settings.
     */
    public BoxOfficeBuilder durableCommits(boolean durableCommits) {
        this.durableCommits = durableCommits;
        return this;
    }

    /** How long a delivery may stay unsettled before it is delivered again. Default 30 seconds. */
    public BoxOfficeBuilder ackWait(Duration ackWait) {
        requirePositive("ackWait", ackWait);
        this.ackWait = ackWait;
        return this;
    }

    /**
     * How long each service keeps an event in its outbox after publishing it: the window within which an operator
     * can {@link dev.boxoffice.engine.bus.Outboxes republish} events a broker lost, and the reach of the event log.
     * Older published events are pruned by the outbox's relay (every minute, or every quarter of the retention when
     * that is shorter). Default 7 days.
     */
    public BoxOfficeBuilder outboxRetention(Duration outboxRetention) {
        requirePositive("outboxRetention", outboxRetention);
        this.outboxRetention = outboxRetention;
        return this;
    }

    /**
     * How long a consumer group remembers an event it handled (its inbox record), to drop a second delivery of it
     * without handling it again. Older records are pruned with the outbox, by the same relay. An event delivered
     * again after its record is gone (a republish reaching further back) is still applied at most once: replicas
     * refuse versions they have, and a finished order ignores events meant for an open one. Keep it at least the
     * {@link #outboxRetention} for republishes to be dropped without being handled. Default 7 days.
     */
    public BoxOfficeBuilder processedEventRetention(Duration processedEventRetention) {
        requirePositive("processedEventRetention", processedEventRetention);
        this.processedEventRetention = processedEventRetention;
        return this;
    }

    /**
     * How long the embedded log keeps an event every consumer group has acknowledged (the reach of a consumer group
     * added later); older ones are pruned every minute, or every quarter of the retention when that is shorter.
     * Only the embedded log: a broker keeps what its stream's limits say. Default 7 days.
     */
    public BoxOfficeBuilder logRetention(Duration logRetention) {
        requirePositive("logRetention", logRetention);
        this.logRetention = logRetention;
        return this;
    }

    /**
     * Deliveries after which an event that still fails is set aside as a dead letter. Default 25. An event refused as
     * out of order is set aside only once, besides, the transport's ack wait has passed since its first refusal: the
     * event before it may be leased to an instance that vanished with it, and comes back only after that wait.
     */
    public BoxOfficeBuilder maxDeliveries(int maxDeliveries) {
        if (maxDeliveries < 1) {
            throw new IllegalArgumentException("maxDeliveries must be >= 1, was " + maxDeliveries);
        }
        this.maxDeliveries = maxDeliveries;
        return this;
    }

    /**
     * Out-of-order refusals of one event after which its replica asks the owner for a snapshot of the entity
     * (gap repair), and again after each further such number. Default 8.
     */
    public BoxOfficeBuilder gapRepairAfter(int refusals) {
        if (refusals < 1) {
            throw new IllegalArgumentException("gapRepairAfter must be >= 1, was " + refusals);
        }
        this.gapRepairAfter = refusals;
        return this;
    }

    /**
     * The delay before a refused event is delivered again, doubled on each refusal up to {@code max}.
     * Default 5 ms up to 500 ms.
     */
    public BoxOfficeBuilder redeliveryBackoff(Duration first, Duration max) {
        requirePositive("redeliveryBackoff first", first);
        requirePositive("redeliveryBackoff max", max);
        if (max.compareTo(first) < 0) {
            throw new IllegalArgumentException("redeliveryBackoff max " + max + " is below first " + first);
        }
        this.redeliveryBackoff = first;
        this.maxRedeliveryBackoff = max;
        return this;
    }

    /**
     * How many deliveries a consumer instance takes at a time; a batch is handled in one transaction, one
     * entity's events in version order. Large batches (the default, 64) carry the throughput; small ones spread
     * one entity's events over the competing instances, so that they really race (demonstrations use 1).
     */
    public BoxOfficeBuilder fetchBatch(int fetchBatch) {
        if (fetchBatch < 1 || fetchBatch > 1024) {
            throw new IllegalArgumentException("fetchBatch must be between 1 and 1024, was " + fetchBatch);
        }
        this.fetchBatch = fetchBatch;
        return this;
    }

    /**
     * Whether one entity's events (say, one ticket's) go to one consumer instance at a time — the default, like
     * Pulsar's Key_Shared subscriptions or SQS FIFO message groups — so that competing replicas seldom see an
     * entity's events out of order. The embedded transport does it itself; on any other transport (JetStream has
     * no such feature before 2.11) a group's instances in this process share one subscription, take turns fetching
     * from it, and hand each delivery to the instance holding its entity. Across processes the instances still
     * race. With {@code false} every instance takes whatever is next and the replicas race, as on a transport
     * without affinity: out-of-order events are then refused by the version check and redelivered, which is what
     * the simulator shows. The version check guards either way (redeliveries after a lost ack, duplicates and
     * delays still reorder events).
     */
    public BoxOfficeBuilder entityAffinity(boolean entityAffinity) {
        this.entityAffinity = entityAffinity;
        return this;
    }

    /**
     * Whether the orders service's ticket replica checks versions (the default). With {@code false} it applies
     * every ticket event as it arrives, as a replica without optimistic concurrency control would, so that a
     * late event overwrites newer data. Only for demonstrating what goes wrong.
     */
    public BoxOfficeBuilder versionedReplicas(boolean versionedReplicas) {
        this.versionedReplicas = versionedReplicas;
        return this;
    }

    /**
     * Is told of every delivery a consumer instance settles (applied, duplicate, refused, ...), on the
     * consumer's thread: keep it quick. For timelines and simulations.
     */
    public BoxOfficeBuilder deliveryObserver(Consumer<DeliveryRecord> observer) {
        this.deliveryObserver = Objects.requireNonNull(observer, "observer");
        return this;
    }

    /**
     * Where the services keep their tables (and the default simulated gateway its charges): a store per service,
     * named as the service ({@code tickets}, {@code orders}, {@code expiration}, {@code payments}, {@code gateway}),
     * and the {@code cluster} store where the engines sharing the stores report and hold their duties.
     * Default: SQLite files in the {@link #dataDirectory}, durable as {@link #durableCommits} says. With
     * {@link Storage#postgres PostgreSQL}, several engines (in several processes) can share the stores: give them
     * a shared {@link #transport} too (JetStream), the embedded one serves one process.
     */
    public BoxOfficeBuilder storage(Storage storage) {
        this.storage = Objects.requireNonNull(storage, "storage");
        return this;
    }

    /**
     * Keeps one service's store apart from the others' (e.g. the payments service in a database of its own).
     *
     * @param service {@code tickets}, {@code orders}, {@code expiration}, {@code payments}, {@code gateway} or
     *                {@code cluster}
     */
    public BoxOfficeBuilder storage(String service, Storage storage) {
        if (!SERVICES.contains(service)) {
            throw new IllegalArgumentException("No service '" + service + "': one of " + SERVICES);
        }
        serviceStorage.put(service, Objects.requireNonNull(storage, "storage"));
        return this;
    }

    static final java.util.List<String> SERVICES = java.util.List.of("tickets", "orders", "expiration", "payments",
            "gateway", "cluster");

    /** The storage of one service's store. */
    Storage storageOf(String service) {
        Storage own = serviceStorage.get(service);
        if (own != null) {
            return own;
        }
        return storage != null ? storage : Storage.sqlite(dataDirectory, durableCommits);
    }

    /**
     * Runs the engine's events over this transport instead of the embedded SQLite log. The engine closes it on
     * {@link BoxOffice#close()}.
     */
    public BoxOfficeBuilder transport(Transport transport) {
        this.transport = Objects.requireNonNull(transport, "transport");
        return this;
    }

    /**
     * Wraps the transport the engine uses (the embedded one or the one given to {@link #transport}), e.g. to
     * inject faults in a simulation. The wrapper's {@code close()} must close the wrapped transport.
     */
    public BoxOfficeBuilder transportDecorator(UnaryOperator<Transport> decorator) {
        this.transportDecorator = Objects.requireNonNull(decorator, "decorator");
        return this;
    }

    /**
     * The card processor payments go through. Default: a {@link dev.boxoffice.engine.payment.SimulatedPaymentGateway#durable durable}
     * simulated gateway in the data directory (test-mode behaviour: {@code tok_visa} succeeds,
     * {@code tok_chargeDeclined} is declined), which the engine closes with itself.
     */
    public BoxOfficeBuilder paymentGateway(PaymentGateway paymentGateway) {
        this.paymentGateway = Objects.requireNonNull(paymentGateway, "paymentGateway");
        return this;
    }

    /**
     * Whether {@link #build()} starts delivering events at once (the default). With {@code false}, changes are
     * committed to the outboxes but nothing is published or handled until {@link BoxOffice#start()}.
     */
    public BoxOfficeBuilder autoStart(boolean autoStart) {
        this.autoStart = autoStart;
        return this;
    }

    /**
     * Opens the engine's stores (creating and migrating them if needed) and, unless told otherwise, starts it.
     *
     * @throws IllegalStateException       if no data directory was given
     * @throws DataDirectoryInUseException if another engine, in this process or another, has the data directory
     *                                     (an engine holds an OS lock on it until {@link BoxOffice#close()} or
     *                                     until its process ends)
     * @throws StorageException            if a store cannot be opened
     */
    public BoxOffice build() {
        if (dataDirectory == null) {
            throw new IllegalStateException("dataDirectory is required");
        }
        BoxOffice engine = new BoxOffice(this);
        if (autoStart) {
            engine.start();
        }
        return engine;
    }

    private static void requirePositive(String name, Duration value) {
        Objects.requireNonNull(value, name);
        if (value.isNegative() || value.isZero()) {
            throw new IllegalArgumentException(name + " must be positive, was " + value);
        }
    }
}
