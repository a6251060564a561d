package dev.boxoffice.simulator.bench;

import dev.boxoffice.engine.BoxOffice;
import dev.boxoffice.engine.BoxOfficeBuilder;
import dev.boxoffice.engine.Money;
import dev.boxoffice.engine.bus.FaultInjectingTransport;
import dev.boxoffice.engine.order.TicketAlreadyReservedException;
import dev.boxoffice.engine.replication.DeliveryFate;
import dev.boxoffice.engine.replication.ReplicaCounters;
import dev.boxoffice.engine.ticket.Ticket;
import dev.boxoffice.simulator.TempDirectories;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Currency;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Consumer;

/**
 * The measurements behind {@code bench}. Every engine figure has a baseline measured in the same run on the same
 * kind of data directory (a temporary one) with the same pragmas; each is repeated and the median reported.
 */
public final class Benchmarks {

    private static final Currency USD = Currency.getInstance("USD");
    private static final Duration SETTLE = Duration.ofMinutes(5);
    private static final int BUYERS = 8;
    private static final int HOT_TICKETS = 10;

    private final Duration window;
    private final int edits;
    private final int repeats;
    private final Consumer<String> progress;

    /**
     * @param window  how long each throughput run lasts
     * @param edits   ticket edits per replication run
     * @param repeats runs per figure (after one warm-up run)
     */
    public Benchmarks(Duration window, int edits, int repeats, Consumer<String> progress) {
        this.window = window;
        this.edits = edits;
        this.repeats = repeats;
        this.progress = progress;
    }

    /** Every figure this session measures. */
    public List<Figure> all() throws Exception {
        List<Figure> figures = new ArrayList<>();
        figures.add(reserve());
        Figure replicate = replicate();
        figures.add(replicate);
        figures.add(latency(replicate.engine()));
        figures.add(reorder());
        return figures;
    }

    // ---- reserve --------------------------------------------------------------------------------------------

    Figure reserve() throws Exception {
        progress.accept("reserve: warming up");
        engineReserve();
        rawReserve();
        double[] engine = new double[repeats];
        double[] raw = new double[repeats];
        for (int i = 0; i < repeats; i++) {
            progress.accept("reserve: run " + (i + 1) + "/" + repeats);
            engine[i] = engineReserve();
            raw[i] = rawReserve();
        }
        return new Figure("reserve", Figure.median(engine), Figure.median(raw), "attempts/s", engine,
                ">= 0.6", true, 0.6);
    }

    /** Resolved order attempts per second by 8 buyers over 10 hot tickets, through the engine's API. */
    private double engineReserve() throws Exception {
        Path dir = TempDirectories.create();
        try (BoxOffice engine = fast(dir).orderReplicas(2).build()) {
            List<String> tickets = new ArrayList<>();
            for (int i = 0; i < HOT_TICKETS; i++) {
                tickets.add(engine.tickets().create("Hot " + i, new Money(5_000, USD), "seller").id());
            }
            engine.awaitQuiescence(SETTLE);
            return perSecond((buyer, random) -> {
                try {
                    engine.orders().place(tickets.get(random.nextInt(HOT_TICKETS)), "buyer-" + buyer);
                } catch (TicketAlreadyReservedException refused) {
                    // a resolved attempt too
                }
            });
        } finally {
            TempDirectories.delete(dir);
        }
    }

    /** The same writes by hand: BEGIN IMMEDIATE; conditional insert of the order; outbox row; COMMIT. */
    private double rawReserve() throws Exception {
        Path dir = TempDirectories.create();
        Path file = dir.resolve("raw.db");
        try (Connection setup = RawSqlite.open(file, false)) {
            RawSqlite.execute(setup,
                    "CREATE TABLE orders (id TEXT PRIMARY KEY, ticket_id TEXT NOT NULL, user_id TEXT NOT NULL, "
                            + "status TEXT NOT NULL, version INTEGER NOT NULL, expires_at TEXT NOT NULL)",
                    "CREATE UNIQUE INDEX one_live ON orders (ticket_id) WHERE status <> 'cancelled'",
                    "CREATE TABLE outbox (seq INTEGER PRIMARY KEY AUTOINCREMENT, event_id TEXT NOT NULL UNIQUE, "
                            + "subject TEXT NOT NULL, aggregate_id TEXT NOT NULL, version INTEGER NOT NULL, "
                            + "occurred_at TEXT NOT NULL, correlation_id TEXT NOT NULL, payload TEXT NOT NULL, "
                            + "published_at TEXT)");
        }
        ThreadLocal<Connection> connections = ThreadLocal.withInitial(() -> {
            try {
                return RawSqlite.open(file, false);
            } catch (SQLException e) {
                throw new IllegalStateException(e);
            }
        });
        List<Connection> opened = new java.util.concurrent.CopyOnWriteArrayList<>();
        try {
            return perSecond((buyer, random) -> {
                Connection c = connections.get();
                if (!opened.contains(c)) {
                    opened.add(c);
                }
                try {
                    // one immediate transaction per attempt, handed back with autocommit on (see STACK.md)
                    c.setAutoCommit(false);
                    String orderId = UUID.randomUUID().toString();
                    int inserted;
                    try (PreparedStatement insert = c.prepareStatement("INSERT INTO orders VALUES (?, ?, ?, "
                            + "'created', 0, '2026-01-01T00:15:00.000000000Z') ON CONFLICT DO NOTHING")) {
                        insert.setString(1, orderId);
                        insert.setString(2, "ticket-" + random.nextInt(HOT_TICKETS));
                        insert.setString(3, "buyer-" + buyer);
                        inserted = insert.executeUpdate();
                    }
                    if (inserted == 1) {
                        try (PreparedStatement outbox = c.prepareStatement("INSERT INTO outbox (event_id, subject, "
                                + "aggregate_id, version, occurred_at, correlation_id, payload) VALUES (?, "
                                + "'order:created', ?, 0, '2026-01-01T00:00:00.000000000Z', ?, ?)")) {
                            outbox.setString(1, UUID.randomUUID().toString());
                            outbox.setString(2, orderId);
                            outbox.setString(3, UUID.randomUUID().toString());
                            outbox.setString(4, "{\"id\":\"" + orderId + "\",\"version\":0,\"status\":\"created\"}");
                            outbox.executeUpdate();
                        }
                    }
                    c.commit();
                    c.setAutoCommit(true);
                } catch (SQLException e) {
                    throw new IllegalStateException(e);
                }
            });
        } finally {
            for (Connection c : opened) {
                c.close();
            }
            TempDirectories.delete(dir);
        }
    }

    private interface Attempt {
        void run(int buyer, Random random) throws Exception;
    }

    /** Runs {@code attempt} from 8 threads for the window and returns attempts per second. */
    private double perSecond(Attempt attempt) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(BUYERS);
        AtomicLong attempts = new AtomicLong();
        CountDownLatch start = new CountDownLatch(1);
        long[] bounds = new long[2];
        try {
            List<Future<?>> futures = new ArrayList<>();
            for (int b = 0; b < BUYERS; b++) {
                int buyer = b;
                futures.add(pool.submit(() -> {
                    Random random = new Random(buyer);
                    start.await();
                    while (System.nanoTime() < bounds[1]) {
                        attempt.run(buyer, random);
                        attempts.incrementAndGet();
                    }
                    return null;
                }));
            }
            bounds[0] = System.nanoTime();
            bounds[1] = bounds[0] + window.toNanos();
            start.countDown();
            for (Future<?> f : futures) {
                f.get();
            }
            return attempts.get() / ((System.nanoTime() - bounds[0]) / 1e9);
        } finally {
            pool.shutdownNow();
        }
    }

    // ---- replicate ------------------------------------------------------------------------------------------

    Figure replicate() throws Exception {
        progress.accept("replicate: warming up");
        engineReplicate(4, false);
        rawReplicate();
        double[] engine = new double[repeats];
        double[] raw = new double[repeats];
        for (int i = 0; i < repeats; i++) {
            progress.accept("replicate: run " + (i + 1) + "/" + repeats);
            engine[i] = engineReplicate(4, false).rate();
            raw[i] = rawReplicate();
        }
        return new Figure("replicate", Figure.median(engine), Figure.median(raw), "edits/s", engine, ">= 0.3",
                true, 0.3);
    }

    /** What one replication run measured. */
    record Replication(double rate, double deliveriesPerEvent) {
    }

    /**
     * Edits tickets as fast as one seller can, and returns edits per second from the first commit until every
     * edit is applied on the order replicas.
     *
     */
    private Replication engineReplicate(int replicas, boolean shuffled) throws Exception {
        Path dir = TempDirectories.create();
        BoxOfficeBuilder builder = fast(dir).orderReplicas(replicas);
        if (shuffled) {
            builder.transportDecorator(t -> new FaultInjectingTransport(t, 1).shuffling());
        }
        try (BoxOffice engine = builder.build()) {
            List<Ticket> tickets = tickets(engine);
            Random random = new Random(7);
            long start = System.nanoTime();
            for (int i = 0; i < edits; i++) {
                Ticket t = tickets.get(random.nextInt(tickets.size()));
                engine.tickets().update(t.id(), t.title(), new Money(100 + random.nextInt(10_000), USD), "seller");
            }
            engine.awaitQuiescence(SETTLE);
            double seconds = (System.nanoTime() - start) / 1e9;
            long delivered = engine.replicas().stream().filter(c -> c.group().equals("orders"))
                    .mapToLong(ReplicaCounters::delivered).sum();
            return new Replication(edits / seconds, delivered / (double) (edits + tickets.size()));
        } finally {
            TempDirectories.delete(dir);
        }
    }

    private static List<Ticket> tickets(BoxOffice engine) {
        List<Ticket> tickets = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            tickets.add(engine.tickets().create("Show " + i, new Money(1_000, USD), "seller"));
        }
        engine.awaitQuiescence(SETTLE);
        return tickets;
    }

    /** The same versioned updates applied straight to a replica table, one per transaction. */
    private double rawReplicate() throws Exception {
        Path dir = TempDirectories.create();
        try (Connection c = RawSqlite.open(dir.resolve("raw.db"), false)) {
            RawSqlite.execute(c, "CREATE TABLE ticket_replica (id TEXT PRIMARY KEY, title TEXT NOT NULL, "
                    + "price_minor INTEGER NOT NULL, currency TEXT NOT NULL, user_id TEXT NOT NULL, "
                    + "version INTEGER NOT NULL)");
            for (int i = 0; i < 50; i++) {
                RawSqlite.execute(c, "INSERT INTO ticket_replica VALUES ('t" + i + "', 'Show', 1000, 'USD', "
                        + "'seller', 0)");
            }
            int[] versions = new int[50];
            Random random = new Random(7);
            long start = System.nanoTime();
            try (PreparedStatement update = c.prepareStatement("UPDATE ticket_replica SET title = ?, "
                    + "price_minor = ?, version = ? WHERE id = ? AND version = ?")) {
                for (int i = 0; i < edits; i++) {
                    c.setAutoCommit(false);
                    int t = random.nextInt(50);
                    update.setString(1, "Show");
                    update.setLong(2, 100 + random.nextInt(10_000));
                    update.setInt(3, versions[t] + 1);
                    update.setString(4, "t" + t);
                    update.setInt(5, versions[t]);
                    if (update.executeUpdate() != 1) {
                        throw new IllegalStateException("version check failed in the baseline");
                    }
                    versions[t]++;
                    c.commit();
                    c.setAutoCommit(true);
                }
            }
            return edits / ((System.nanoTime() - start) / 1e9);
        } finally {
            TempDirectories.delete(dir);
        }
    }

    // ---- latency --------------------------------------------------------------------------------------------

    /** p99 ms from commit to applied at half the measured peak edit rate. */
    Figure latency(double peakRate) throws Exception {
        double[] runs = new double[repeats];
        long interval = (long) (1e9 / Math.max(1, peakRate / 2));
        for (int i = 0; i < repeats; i++) {
            progress.accept("replicate-latency: run " + (i + 1) + "/" + repeats);
            runs[i] = pacedP99(interval);
        }
        return new Figure("replicate-latency", Figure.median(runs), Double.NaN, "ms p99", runs, "<= 50 ms", false,
                50);
    }

    private double pacedP99(long intervalNanos) throws Exception {
        Path dir = TempDirectories.create();
        Map<String, Long> appliedAt = new ConcurrentHashMap<>();
        try (BoxOffice engine = fast(dir).orderReplicas(4)
                .deliveryObserver(r -> {
                    if (r.fate() == DeliveryFate.APPLIED && r.group().equals("orders")) {
                        appliedAt.put(r.event().aggregateId() + "/" + r.event().version(), r.atNanos());
                    }
                })
                .build()) {
            List<Ticket> tickets = tickets(engine);
            Map<String, Long> committedAt = new ConcurrentHashMap<>();
            long[] version = new long[tickets.size()];
            Random random = new Random(11);
            long next = System.nanoTime();
            int count = Math.max(200, edits / 4);
            for (int i = 0; i < count; i++) {
                LockSupport.parkNanos(next - System.nanoTime());
                int n = random.nextInt(tickets.size());
                Ticket t = tickets.get(n);
                engine.tickets().update(t.id(), t.title(), new Money(100 + random.nextInt(10_000), USD), "seller");
                committedAt.put(t.id() + "/" + (++version[n]), System.nanoTime());
                next += intervalNanos;
            }
            engine.awaitQuiescence(SETTLE);
            double[] latencies = committedAt.entrySet().stream()
                    .filter(e -> appliedAt.containsKey(e.getKey()))
                    .mapToDouble(e -> (appliedAt.get(e.getKey()) - e.getValue()) / 1e6).sorted().toArray();
            return latencies.length == 0 ? Double.NaN : latencies[(int) Math.ceil(latencies.length * 0.99) - 1];
        } finally {
            TempDirectories.delete(dir);
        }
    }

    // ---- reorder --------------------------------------------------------------------------------------------

    /** 4 competing replicas with shuffled delivery against 1 replica in order. */
    Figure reorder() throws Exception {
        progress.accept("reorder: warming up");
        engineReplicate(4, true);
        double[] shuffled = new double[repeats];
        double[] ordered = new double[repeats];
        double[] deliveries = new double[repeats];
        for (int i = 0; i < repeats; i++) {
            progress.accept("reorder: run " + (i + 1) + "/" + repeats);
            Replication four = engineReplicate(4, true);
            shuffled[i] = four.rate();
            deliveries[i] = four.deliveriesPerEvent();
            ordered[i] = engineReplicate(1, false).rate();
        }
        return new Figure("reorder", Figure.median(shuffled), Figure.median(ordered), "edits/s", shuffled,
                ">= 0.8, <= 1.5 deliveries/event (" + String.format(java.util.Locale.ROOT, "%.2f",
                Figure.median(deliveries)) + ")", true, 0.8);
    }

    private static BoxOfficeBuilder fast(Path dir) {
        return BoxOffice.builder().dataDirectory(dir).durableCommits(false);
    }
}
