package dev.boxoffice.simulator.bench;

import dev.boxoffice.engine.BoxOffice;
import dev.boxoffice.engine.BoxOfficeBuilder;
import dev.boxoffice.engine.Money;
import dev.boxoffice.engine.nats.JetStreamTransport;
import dev.boxoffice.engine.store.CommitCounts;
import dev.boxoffice.engine.store.Storage;
import dev.boxoffice.engine.testing.FaultInjectingTransport;
import dev.boxoffice.engine.testing.LocalNatsServer;
import dev.boxoffice.engine.testing.PastBusiness;
import dev.boxoffice.engine.order.TicketAlreadyReservedException;
import dev.boxoffice.engine.replication.DeliveryFate;
import dev.boxoffice.engine.replication.ReplicaCounters;
import dev.boxoffice.engine.ticket.Ticket;
import dev.boxoffice.simulator.Pacing;
import dev.boxoffice.simulator.TempDirectories;
import io.nats.client.JetStream;
import io.nats.client.JetStreamManagement;
import io.nats.client.JetStreamSubscription;
import io.nats.client.Message;
import io.nats.client.Nats;
import io.nats.client.PublishOptions;
import io.nats.client.PullSubscribeOptions;
import io.nats.client.api.AckPolicy;
import io.nats.client.api.ConsumerConfiguration;
import io.nats.client.api.PublishAck;
import io.nats.client.api.StorageType;
import io.nats.client.api.StreamConfiguration;
import java.io.IOException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Currency;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Consumer;
import java.util.function.LongSupplier;
import java.util.function.UnaryOperator;

/**
 * The measurements behind {@code bench}. Every engine figure has a baseline measured in the same run on the same
 * kind of data directory (a temporary one) with the same pragmas; each is repeated and the median reported.
 */
public final class Benchmarks {

    private static final Currency USD = Currency.getInstance("USD");
    private static final Duration SETTLE = Duration.ofMinutes(5);
    private static final int BUYERS = 8;
    private static final int HOT_TICKETS = 10;
    /** Buyers at once for durable-reserve and http-order: a flash sale's crowd, as far as 2 cores go. */
    private static final int CROWD = 32;

    private final Duration window;
    private final int edits;
    private final int placements;
    private final int repeats;
    private final Consumer<String> progress;
    private int soakEvents = 1_000_000;
    private Duration soakRetention = Duration.ofSeconds(10);
    /** Most warm-up rounds of a figure that warms the JVM up ({@link #warmUp}) before it measures anyway. */
    private int warmUpRounds = 40;
    /** Most time a figure spends warming the JVM up ({@link #warmUp}): no round starts after it. */
    private Duration warmUpTime = Duration.ofSeconds(120);
    /** Tickets and past orders in the large stores of reserve-large and read-large (against a thousand of each). */
    private int largeRows = 1_000_000;
    /** The PostgreSQL of reserve-pg (its JDBC URL), or null to start one. */
    private String postgresUrl;

    /**
     * @param window  how long each throughput run lasts
     * @param edits      ticket edits per replication run
     * @param placements orders placed per durable-reserve and http-order run
     * @param repeats    runs per figure (after one warm-up run)
     */
    public Benchmarks(Duration window, int edits, int placements, int repeats, Consumer<String> progress) {
        this.window = window;
        this.edits = edits;
        this.placements = placements;
        this.repeats = repeats;
        this.progress = progress;
    }

    /** The soak figure's events and the retentions it runs with (see {@link #soak}). */
    public Benchmarks soak(int events, Duration retention) {
        this.soakEvents = events;
        this.soakRetention = retention;
        return this;
    }

    /**
     * The most rounds a figure warms the JVM up with before it measures, and the most time it spends on them (40
     * rounds and two minutes unless set; see {@link #warmUp}).
     */
    public Benchmarks warmUp(int rounds, Duration time) {
        this.warmUpRounds = rounds;
        this.warmUpTime = time;
        return this;
    }

    /** The tickets and past orders of the large stores of reserve-large and read-large. */
    public Benchmarks largeRows(int rows) {
        this.largeRows = rows;
        return this;
    }

    /** Measures reserve-pg on the PostgreSQL at {@code url} (credentials in it) instead of one it starts. */
    public Benchmarks onPostgres(String url) {
        this.postgresUrl = url;
        return this;
    }

    /** The figures {@code bench} knows, in the order it prints them. */
    public static final List<String> NAMES = List.of("reserve", "replicate", "replicate-latency", "reorder",
            "http-order", "durable-reserve", "replicate-nats", "reserve-pg", "cluster-order", "reserve-large", "read-large", "soak");

    /** Every figure. */
    public List<Figure> all() throws Exception {
        return only(NAMES);
    }

    /** Refuses a name that is not in {@link #NAMES}, saying which names are. */
    public static void checkNames(java.util.Collection<String> names) {
        for (String name : names) {
            if (!NAMES.contains(name)) {
                throw new IllegalArgumentException("Unknown figure '" + name + "'; the figures are "
                        + String.join(", ", NAMES));
            }
        }
    }

    /** The named figures (see {@link #NAMES}), in the order of {@link #NAMES}. */
    public List<Figure> only(java.util.Collection<String> names) throws Exception {
        checkNames(names);
        List<Figure> figures = new ArrayList<>();
        double peak = Double.NaN;
        for (String name : NAMES) {
            if (!names.contains(name)) {
                continue;
            }
            switch (name) {
                case "reserve" -> figures.add(reserve());
                case "replicate" -> {
                    Figure replicate = replicate();
                    peak = replicate.engine();
                    figures.add(replicate);
                }
                case "replicate-latency" -> figures.add(Double.isNaN(peak) ? latency() : latency(peak));
                case "reorder" -> figures.add(reorder());
                case "http-order" -> figures.add(httpOrder());
                case "durable-reserve" -> figures.add(durableReserve());
                case "replicate-nats" -> figures.add(replicateNats());
                case "reserve-pg" -> figures.add(reservePostgres());
                case "cluster-order" -> figures.addAll(clusterOrder());
                case "reserve-large" -> figures.add(reserveLarge());
                case "read-large" -> figures.addAll(readLarge());
                case "soak" -> figures.add(soak());
                default -> throw new IllegalStateException(name);
            }
        }
        return figures;
    }

    // ---- reserve --------------------------------------------------------------------------------------------

    Figure reserve() throws Exception {
        progress.accept("reserve: warming up");
        engineReserve();
        rawReserve(false);
        rawReserve(true);
        double[] engine = new double[repeats];
        double[] raw = new double[repeats];
        double[] readingFirst = new double[repeats];
        for (int i = 0; i < repeats; i++) {
            progress.accept("reserve: run " + (i + 1) + "/" + repeats);
            engine[i] = engineReserve();
            raw[i] = rawReserve(false);
            readingFirst[i] = rawReserve(true);
        }
        return new Figure("reserve", Figure.median(engine), Figure.median(raw), "attempts/s", engine,
                String.format(java.util.Locale.ROOT, ">= 0.8 (against a loop that also reads first, as the engine "
                        + "does: %,.0f attempts/s, a ratio of %.2f)", Figure.median(readingFirst),
                        Figure.median(engine) / Figure.median(readingFirst)), true, 0.8);
    }

    /** Resolved order attempts per second by 8 buyers over 10 hot tickets, through the engine's API. */
    private double engineReserve() throws Exception {
        return engineReserve(UnaryOperator.identity());
    }

    /** {@link #engineReserve()} on an engine {@code setup} adjusts (its stores elsewhere, say). */
    private double engineReserve(UnaryOperator<BoxOfficeBuilder> setup) throws Exception {
        Path dir = TempDirectories.create();
        try {
            return engineReserve(dir, setup);
        } finally {
            TempDirectories.delete(dir);
        }
    }

    /** {@link #engineReserve()} on 10 new hot tickets of an engine on the data directory {@code dir}. */
    private double engineReserve(Path dir, UnaryOperator<BoxOfficeBuilder> setup) throws Exception {
        try (BoxOffice engine = setup.apply(fast(dir).orderReplicas(2)).build()) {
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
        }
    }

    /**
     * The same writes by hand: BEGIN IMMEDIATE; conditional insert of the order; outbox row; COMMIT. With
     * {@code readingFirst}, a held ticket is refused on a read before any transaction, as the engine refuses it.
     */
    private double rawReserve(boolean readingFirst) throws Exception {
        Path dir = TempDirectories.create();
        try (RawReservations raw = RawReservations.sqlite(dir.resolve("raw.db"), false)) {
            return perSecond((buyer, random) -> {
                String ticket = "ticket-" + random.nextInt(HOT_TICKETS);
                if (readingFirst) {
                    raw.tryReserveReadingFirst(ticket, buyer);
                } else {
                    raw.tryReserve(ticket, buyer);
                }
            });
        } finally {
            TempDirectories.delete(dir);
        }
    }

    private interface Attempt {
        void run(int buyer, Random random) throws Exception;
    }

    // ---- reserve-large, read-large ----------------------------------------------------------------------------

    /** The rows of the small stores that the large ones are measured against. */
    private static final int SMALL_ROWS = 1_000;

    /** Two data directories with a past written into them: {@link #SMALL_ROWS} and {@link #largeRows} of each. */
    private final class Pasts implements AutoCloseable {
        final Path small = TempDirectories.create();
        final Path large = TempDirectories.create();

        Pasts(String figure) {
            try {
                write(figure);
            } catch (RuntimeException e) {
                close();
                throw e;
            }
        }

        private void write(String figure) {
            progress.accept(String.format(java.util.Locale.ROOT, "%s: writing %,d tickets and past orders",
                    figure, SMALL_ROWS));
            PastBusiness.write(small, SMALL_ROWS, SMALL_ROWS);
            progress.accept(String.format(java.util.Locale.ROOT, "%s: writing %,d tickets and past orders",
                    figure, largeRows));
            PastBusiness.write(large, largeRows, largeRows);
        }

        /** The two sizes compared, as the figures say them. */
        String sizes() {
            return String.format(java.util.Locale.ROOT, "%,d tickets and orders / %,d", largeRows, SMALL_ROWS);
        }

        @Override
        public void close() {
            TempDirectories.delete(small);
            TempDirectories.delete(large);
        }
    }

    /**
     * reserve's load (8 buyers racing for 10 new hot tickets) on an engine whose stores already hold a million
     * tickets and a million finished orders (and their replicas and payments), against the same on a thousand of
     * each. The two engines take turns, each run on the same data directory as the last.
     */
    Figure reserveLarge() throws Exception {
        try (Pasts pasts = new Pasts("reserve-large")) {
            progress.accept("reserve-large: warming up");
            engineReserve(pasts.small, UnaryOperator.identity());
            engineReserve(pasts.large, UnaryOperator.identity());
            double[] small = new double[repeats];
            double[] large = new double[repeats];
            for (int i = 0; i < repeats; i++) {
                progress.accept("reserve-large: run " + (i + 1) + "/" + repeats);
                small[i] = engineReserve(pasts.small, UnaryOperator.identity());
                large[i] = engineReserve(pasts.large, UnaryOperator.identity());
            }
            return new Figure("reserve-large", Figure.median(large), Figure.median(small), "attempts/s", large,
                    ">= 0.8 (" + pasts.sizes() + ")", true, 0.8);
        }
    }

    /**
     * Reads by 8 threads at once on stores of a million tickets and past orders against a thousand: a page of 50
     * tickets after a random one (the ticket list's next page), and an order by its id for its buyer (a buyer's
     * order page). Both engines stay open through the runs, as a server's stores do. Two rows; the lookup's also
     * says how the same lookup by hand on the same files ({@link RawLookups}) grows, which bounds the engine's.
     */
    List<Figure> readLarge() throws Exception {
        try (Pasts pasts = new Pasts("read-large");
             BoxOffice small = fast(pasts.small).build();
             BoxOffice large = fast(pasts.large).build();
             RawLookups handSmall = new RawLookups(pasts.small, BUYERS);
             RawLookups handLarge = new RawLookups(pasts.large, BUYERS)) {
            double[][] page = new double[2][repeats];
            double[][] lookup = new double[2][repeats];
            double[][] rawLookup = new double[2][repeats];
            for (int i = 0; i <= repeats; i++) {
                progress.accept(i == 0 ? "read-large: warming up" : "read-large: run " + i + "/" + repeats);
                for (int size = 0; size < 2; size++) {
                    BoxOffice engine = size == 0 ? small : large;
                    int rows = size == 0 ? SMALL_ROWS : largeRows;
                    double p = perSecond((reader, random) -> {
                        if (engine.tickets().page(PastBusiness.ticketId(1 + random.nextInt(rows - 50)), 50)
                                .size() != 50) {
                            throw new IllegalStateException("a page of past tickets was short");
                        }
                    });
                    double l = perSecond((reader, random) -> {
                        int order = 1 + random.nextInt(rows);
                        engine.orders().getFor(PastBusiness.orderId(order), PastBusiness.buyerOf(order));
                    });
                    RawLookups raw = size == 0 ? handSmall : handLarge;
                    double r = perSecond((reader, random) -> raw.lookUp(reader,
                            PastBusiness.orderId(1 + random.nextInt(rows))));
                    if (i > 0) {
                        page[size][i - 1] = p;
                        lookup[size][i - 1] = l;
                        rawLookup[size][i - 1] = r;
                    }
                }
            }
            double rawLarge = Figure.median(rawLookup[1]);
            double rawSmall = Figure.median(rawLookup[0]);
            String target = ">= 0.8 (" + pasts.sizes() + ")";
            String lookupTarget = String.format(java.util.Locale.ROOT, ">= 0.8 (%s; the same lookup by hand on the "
                    + "same files: %,.0f against %,.0f lookups/s, %.2f)", pasts.sizes(), rawLarge, rawSmall,
                    rawLarge / rawSmall);
            return List.of(
                    new Figure("ticket-page-large", Figure.median(page[1]), Figure.median(page[0]), "pages/s",
                            page[1], target, true, 0.8),
                    new Figure("order-lookup-large", Figure.median(lookup[1]), Figure.median(lookup[0]),
                            "lookups/s", lookup[1], lookupTarget, true, 0.8));
        }
    }

    // ---- reserve-pg -----------------------------------------------------------------------------------------

    /**
     * {@code reserve} with the engine's stores on PostgreSQL, against the same writes by hand on the same server
     * (order row and outbox row per transaction, each thread its own connection): a database of their own each run.
     */
    Figure reservePostgres() throws Exception {
        progress.accept("reserve-pg: starting PostgreSQL");
        LocalPostgres server;
        try {
            server = LocalPostgres.at(postgresUrl);
        } catch (java.io.IOException | RuntimeException e) {
            return Figure.unavailable("reserve-pg", "attempts/s", "not measured: cannot start an embedded "
                    + "PostgreSQL here (" + e.getMessage() + "); pass --postgres URL");
        }
        try (server) {
            progress.accept("reserve-pg: warming up");
            enginePostgresReserve(server);
            rawPostgresReserve(server);
            double[] engine = new double[repeats];
            double[] raw = new double[repeats];
            for (int i = 0; i < repeats; i++) {
                progress.accept("reserve-pg: run " + (i + 1) + "/" + repeats);
                engine[i] = enginePostgresReserve(server);
                raw[i] = rawPostgresReserve(server);
            }
            return new Figure("reserve-pg", Figure.median(engine), Figure.median(raw), "attempts/s", engine,
                    ">= 0.6", true, 0.6);
        }
    }

    private double enginePostgresReserve(LocalPostgres server) throws Exception {
        String database = server.newDatabase();
        try {
            return engineReserve(b -> b.storage(Storage.postgres(database, null, null)));
        } finally {
            server.drop(database);
        }
    }

    private double rawPostgresReserve(LocalPostgres server) throws Exception {
        String database = server.newDatabase();
        try (RawReservations raw = RawReservations.postgres(database)) {
            return perSecond((buyer, random) -> raw.tryReserve("ticket-" + random.nextInt(HOT_TICKETS), buyer));
        } finally {
            server.drop(database);
        }
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

    // ---- cluster-order --------------------------------------------------------------------------------------

    /**
     * 32 signed-in buyers placing orders over HTTP through 2 server nodes (each buyer on one of them) sharing one
     * PostgreSQL and one nats-server, against the same load through 1 node, both in this process (on 2 cores the
     * nodes share the CPUs), and each against the raw PostgreSQL loop of reserve-pg on the same server. Each run
     * has a database and a broker of its own. Three rows: 1 node and 2 nodes against the raw loop, and 2 nodes
     * against 1 (how far adding a node carried the load here).
     */
    List<Figure> clusterOrder() throws Exception {
        if (LocalNatsServer.binary().isEmpty()) {
            return List.of(Figure.unavailable("cluster-order", "orders/s", "not measured: "
                    + LocalNatsServer.INSTALL_HINT));
        }
        progress.accept("cluster-order: starting PostgreSQL");
        LocalPostgres server;
        try {
            server = LocalPostgres.at(postgresUrl);
        } catch (java.io.IOException | RuntimeException e) {
            return List.of(Figure.unavailable("cluster-order", "orders/s", "not measured: cannot start an embedded "
                    + "PostgreSQL here (" + e.getMessage() + "); pass --postgres URL"));
        }
        try (server) {
            double[] one = new double[repeats];
            double[] two = new double[repeats];
            double[] raw = new double[repeats];
            for (int i = 0; i <= repeats; i++) {
                progress.accept(i == 0 ? "cluster-order: warming up" : "cluster-order: run " + i + "/" + repeats);
                double o = clusterPlacements(server, 1);
                double t = clusterPlacements(server, 2);
                double r = rawPostgresReserve(server);
                if (i > 0) {
                    one[i - 1] = o;
                    two[i - 1] = t;
                    raw[i - 1] = r;
                }
            }
            return List.of(
                    Figure.informational("cluster-order-1", Figure.median(one), Figure.median(raw), "orders/s", one,
                            "1 node over HTTP / the raw PostgreSQL loop"),
                    Figure.informational("cluster-order-2", Figure.median(two), Figure.median(raw), "orders/s", two,
                            "2 nodes over HTTP / the raw PostgreSQL loop"),
                    Figure.informational("cluster-scale", Figure.median(two), Figure.median(one), "orders/s", two,
                            "2 nodes / 1 node, sharing 2 cores"));
        }
    }

    /** Orders per second through {@code nodes} nodes on a database and a broker of their own. */
    private double clusterPlacements(LocalPostgres server, int nodes) throws Exception {
        String database = server.newDatabase();
        List<Path> dirs = new ArrayList<>();
        List<ServerUnderTest> cluster = new ArrayList<>();
        LocalNatsServer broker = LocalNatsServer.start();
        try {
            for (int n = 1; n <= nodes; n++) {
                Path dir = TempDirectories.create();
                dirs.add(dir);
                cluster.add(ServerUnderTest.start(dir, Map.of("boxoffice.node-id", "bench-" + n,
                        "boxoffice.database.url", database, "boxoffice.nats.url", broker.url(),
                        "boxoffice.jwt-secret", "bench-secret-bench-secret-bench-secret")));
            }
            String[] tokens = new String[CROWD];
            for (int b = 0; b < CROWD; b++) {
                tokens[b] = cluster.get(b % nodes).signUp("buyer" + b + "@bench.test");
            }
            BoxOffice engine = cluster.get(0).engine();
            List<String> tickets = createTickets(engine, placements / 2);
            double rate = new Crowd(CROWD).placementsPerSecond(tickets, (buyer, ticket) ->
                    cluster.get(buyer % nodes).placeOrder(tokens[buyer], ticket));
            engine.awaitQuiescence(SETTLE);
            return rate;
        } finally {
            // the nodes before the broker and the database they use
            for (ServerUnderTest node : cluster) {
                node.close();
            }
            broker.close();
            dirs.forEach(TempDirectories::delete);
            server.drop(database);
        }
    }

    // ---- durable-reserve -------------------------------------------------------------------------------------

    /**
     * 32 buyers each placing orders for tickets nobody else wants (so that every attempt writes an order and an
     * outbox row), at synchronous=FULL on both sides: the engine (which groups concurrent placements into one
     * transaction) against the raw loop with one transaction per reservation. The loop runs on one thread, its
     * best: with 32 threads its transactions wait on each other in SQLite's busy handler, which sleeps. Rounds of
     * both warm the JVM up first ({@link #warmUp}).
     */
    Figure durableReserve() throws Exception {
        Crowd crowd = new Crowd(CROWD);
        Crowd rawLoop = new Crowd(1);
        Path dir = TempDirectories.create();
        Path raw = TempDirectories.create();
        try (BoxOffice engine = BoxOffice.builder().dataDirectory(dir).durableCommits(true).build();
             RawReservations baseline = RawReservations.sqlite(raw.resolve("raw.db"), true)) {
            WarmUp warm = warmUp("durable-reserve", () -> durableRound(engine, baseline, crowd, rawLoop));
            DurableRound[] runs = new DurableRound[repeats];
            for (int i = 0; i < repeats; i++) {
                progress.accept("durable-reserve: run " + (i + 1) + "/" + repeats);
                runs[i] = durableRound(engine, baseline, crowd, rawLoop);
            }
            double[] engineRuns = Arrays.stream(runs).mapToDouble(DurableRound::engine).toArray();
            return new Figure("durable-reserve", Figure.median(engineRuns),
                    Figure.median(Arrays.stream(runs).mapToDouble(DurableRound::raw).toArray()), "orders/s",
                    engineRuns, String.format(java.util.Locale.ROOT, ">= 3.0 (%.1f placements per commit; %,.0f us "
                            + "of CPU per placement, downstream included; %s)",
                            Figure.median(Arrays.stream(runs).mapToDouble(DurableRound::perCommit).toArray()),
                            Figure.median(Arrays.stream(runs).mapToDouble(DurableRound::cpuPerPlacement).toArray()),
                            warm.describe(String.format(java.util.Locale.ROOT, "%,d placements", placements))),
                    true, 3.0);
        } finally {
            TempDirectories.delete(dir);
            TempDirectories.delete(raw);
        }
    }

    /**
     * One round of durable-reserve: placements per second by the engine and by the raw loop, the engine's CPU per
     * placement (microseconds, downstream work included) and how many placements shared each commit of the orders
     * store.
     */
    record DurableRound(double engine, double raw, double cpuPerPlacement, double perCommit) {
    }

    /** {@link #placements} placements on fresh tickets through the engine, then the same by the raw loop. */
    private DurableRound durableRound(BoxOffice engine, RawReservations baseline, Crowd crowd, Crowd rawLoop)
            throws Exception {
        List<String> tickets = createTickets(engine, placements);
        CommitCounts before = orderCommits(engine);
        long cpuBefore = Cpu.processNanos();
        double e = crowd.placementsPerSecond(tickets, (buyer, ticket) -> engine.orders().place(ticket,
                "buyer-" + buyer));
        // everything each placement sets off downstream is part of its cost, and done before the baseline
        engine.awaitQuiescence(SETTLE);
        double cpuPerPlacement = (Cpu.processNanos() - cpuBefore) / 1e3 / tickets.size();
        CommitCounts after = orderCommits(engine);
        double r = rawLoop.placementsPerSecond(tickets, (buyer, ticket) -> baseline.reserve(ticket, buyer));
        return new DurableRound(e, r, cpuPerPlacement, after.since(before).commandsPerCommit());
    }

    private static CommitCounts orderCommits(BoxOffice engine) {
        return engine.commitCounts().stream().filter(c -> c.store().equals("orders")).findFirst().orElseThrow();
    }

    /** Creates tickets from several threads and waits until the order replicas hold them all. */
    private static List<String> createTickets(BoxOffice engine, int count) throws Exception {
        List<String> names = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            names.add("Seat " + i);
        }
        String[] ids = new String[count];
        new Crowd(8).placementsPerSecond(names, (seller, name) -> {
            int n = Integer.parseInt(name.substring(5));
            ids[n] = engine.tickets().create(name, new Money(5_000, USD), "seller-" + seller).id();
        });
        engine.awaitQuiescence(SETTLE);
        return List.of(ids);
    }

    // ---- warming up ---------------------------------------------------------------------------------------

    /** The JIT compiler's share of a round's CPU under which a figure counts the JVM as warm. */
    private static final double WARM_COMPILER_SHARE = 0.05;

    /** One round of a figure's work, run to warm the JVM up. */
    private interface Round {
        void run() throws Exception;
    }

    /**
     * How a figure warmed the JVM up: the rounds it ran, and the JIT compiler's share of the last one's CPU.
     *
     * @param rounds        warm-up rounds run
     * @param compilerShare the compiler threads' part of the process's CPU in the last of them
     */
    record WarmUp(int rounds, double compilerShare) {

        /** What the figure says of it, {@code round} naming one round's work. */
        String describe(String round) {
            return String.format(java.util.Locale.ROOT, "after %d warm-up round%s of %s, the compiler then %.0f %% of "
                    + "the CPU", rounds, rounds == 1 ? "" : "s", round, 100 * compilerShare);
        }
    }

    /**
     * Runs {@code round} until the JIT compiler takes less than {@link #WARM_COMPILER_SHARE} of a round's CPU, at
     * most {@link #warmUpRounds} times and no round starting after {@link #warmUpTime}. The engine's paths run
     * through far more code than a baseline's loop: on 2 cores the compiler is still at work for seconds, and a
     * figure measured before then measures it (a profile of {@code replicate}'s runs found 40 % of the process's
     * CPU in the compiler threads; its short rounds took 17–29 to bring the compiler under 5 %).
     */
    private WarmUp warmUp(String figure, Round round) throws Exception {
        int rounds = 0;
        double compilerShare = Double.NaN;
        long until = System.nanoTime() + warmUpTime.toNanos();
        do {
            rounds++;
            progress.accept(String.format(java.util.Locale.ROOT, "%s: warming up, round %d%s", figure, rounds,
                    rounds == 1 ? "" : String.format(java.util.Locale.ROOT, " (the compiler %.0f %% of the last)",
                            100 * compilerShare)));
            long compiler0 = Cpu.compilerNanos();
            long cpu0 = Cpu.processNanos();
            round.run();
            compilerShare = (double) (Cpu.compilerNanos() - compiler0) / (Cpu.processNanos() - cpu0);
        } while (compilerShare >= WARM_COMPILER_SHARE && rounds < warmUpRounds && System.nanoTime() < until);
        return new WarmUp(rounds, compilerShare);
    }

    // ---- http-order -----------------------------------------------------------------------------------------

    /**
     * 32 signed-in buyers placing orders through POST /api/orders on a real server on loopback (keep-alive
     * connections), against the same placements through the same server's engine in-process. Both sides are
     * measured once the JIT has settled: the HTTP path runs through far more code (Netty, Micronaut, the JDK's
     * client) than the engine alone, and a profile of the third round of 8,000 orders still found a quarter of
     * the process's CPU in the compiler threads. Rounds of both warm the JVM up first ({@link #warmUp}).
     */
    Figure httpOrder() throws Exception {
        Crowd crowd = new Crowd(CROWD);
        Path dir = TempDirectories.create();
        try (ServerUnderTest server = ServerUnderTest.start(dir)) {
            BoxOffice engine = server.engine();
            String[] tokens = new String[CROWD];
            for (int b = 0; b < CROWD; b++) {
                tokens[b] = server.signUp("buyer" + b + "@bench.test");
            }
            WarmUp warm = warmUp("http-order", () -> httpOrderRound(crowd, server, tokens));
            HttpOrderRound[] runs = new HttpOrderRound[repeats];
            for (int i = 0; i < repeats; i++) {
                progress.accept("http-order: run " + (i + 1) + "/" + repeats);
                runs[i] = httpOrderRound(crowd, server, tokens);
            }
            double[] httpRuns = Arrays.stream(runs).mapToDouble(HttpOrderRound::http).toArray();
            return new Figure("http-order", Figure.median(httpRuns),
                    Figure.median(Arrays.stream(runs).mapToDouble(HttpOrderRound::inProcess).toArray()), "orders/s",
                    httpRuns, String.format(java.util.Locale.ROOT, ">= 0.5 (%s; CPU per order, downstream and client "
                            + "included: %,.0f us over HTTP, %.0f %% of it in the kernel; %,.0f us in-process, "
                            + "%.0f %%)", warm.describe(String.format(java.util.Locale.ROOT, "%,d orders",
                                    2 * placements)),
                            Figure.median(Arrays.stream(runs).mapToDouble(HttpOrderRound::httpCpu).toArray()),
                            100 * Figure.median(Arrays.stream(runs).mapToDouble(HttpOrderRound::httpKernel).toArray()),
                            Figure.median(Arrays.stream(runs).mapToDouble(HttpOrderRound::inProcessCpu).toArray()),
                            100 * Figure.median(Arrays.stream(runs).mapToDouble(HttpOrderRound::inProcessKernel)
                                    .toArray())), true, 0.5);
        } finally {
            TempDirectories.delete(dir);
        }
    }

    /**
     * One round of http-order: placements per second and CPU per order (microseconds, downstream work and the
     * client included; the kernel's share of it) over HTTP and in-process.
     */
    record HttpOrderRound(double http, double inProcess, double httpCpu, double inProcessCpu, double httpKernel,
                          double inProcessKernel) {
    }

    /** {@link #placements} orders over HTTP, then as many in-process, each on tickets of their own. */
    private HttpOrderRound httpOrderRound(Crowd crowd, ServerUnderTest server, String[] tokens) throws Exception {
        BoxOffice engine = server.engine();
        List<String> tickets = createTickets(engine, 2 * placements);
        List<String> overHttp = tickets.subList(0, placements);
        List<String> inProcess = tickets.subList(placements, 2 * placements);
        long cpu0 = Cpu.processNanos();
        long sys0 = Cpu.systemNanos();
        double h = crowd.placementsPerSecond(overHttp, (buyer, ticket) -> server.placeOrder(tokens[buyer], ticket));
        engine.awaitQuiescence(SETTLE);
        long cpu1 = Cpu.processNanos();
        long sys1 = Cpu.systemNanos();
        double p = crowd.placementsPerSecond(inProcess, (buyer, ticket) ->
                engine.orders().place(ticket, "in-process-" + buyer));
        engine.awaitQuiescence(SETTLE);
        long cpu2 = Cpu.processNanos();
        long sys2 = Cpu.systemNanos();
        return new HttpOrderRound(h, p, (cpu1 - cpu0) / 1e3 / overHttp.size(),
                (cpu2 - cpu1) / 1e3 / inProcess.size(), Cpu.share(sys0, sys1, cpu1 - cpu0),
                Cpu.share(sys1, sys2, cpu2 - cpu1));
    }

    // ---- replicate ------------------------------------------------------------------------------------------

    Figure replicate() throws Exception {
        WarmUp warm = warmUp("replicate", () -> {
            engineReplicate(4, false);
            rawReplicate();
        });
        double[] engine = new double[repeats];
        double[] raw = new double[repeats];
        for (int i = 0; i < repeats; i++) {
            progress.accept("replicate: run " + (i + 1) + "/" + repeats);
            engine[i] = engineReplicate(4, false).rate();
            raw[i] = rawReplicate();
        }
        return new Figure("replicate", Figure.median(engine), Figure.median(raw), "edits/s", engine,
                ">= 0.3 (" + warm.describe(String.format(java.util.Locale.ROOT, "%,d edits", edits)) + ")", true,
                0.3);
    }

    /**
     * What one replication run measured.
     *
     * @param editShare the part of the run the seller spent editing (the rest is the last events' way to the replicas)
     * @param cpuPerEdit microseconds of CPU per edit from the first edit until every edit was applied: this process's
     *     and, where the run has one, the broker's
     * @param brokerCpuPerEdit the broker's part of {@code cpuPerEdit} (0 without a broker)
     */
    record Replication(double rate, double deliveriesPerEvent, double editShare, double cpuPerEdit,
                       double brokerCpuPerEdit) {
    }

    /**
     * Edits tickets as fast as one seller can, and returns edits per second from the first commit until every
     * edit is applied on the order replicas.
     *
     */
    private Replication engineReplicate(int replicas, boolean shuffled) throws Exception {
        return engineReplicate(builder -> shuffled ? builder.orderReplicas(replicas)
                .transportDecorator(t -> new FaultInjectingTransport(t, 1).shuffling())
                : builder.orderReplicas(replicas));
    }

    /** {@link #engineReplicate(int, boolean)} on an engine set up by {@code setup}. */
    private Replication engineReplicate(UnaryOperator<BoxOfficeBuilder> setup) throws Exception {
        return engineReplicate(setup, edits, () -> 0);
    }

    /**
     * {@code count} edits by one seller on an engine set up by {@code setup}; {@code brokerCpuNanos} reads the CPU
     * used so far by a broker the engine's events go through (always 0 without one).
     */
    private Replication engineReplicate(UnaryOperator<BoxOfficeBuilder> setup, int count, LongSupplier brokerCpuNanos)
            throws Exception {
        Path dir = TempDirectories.create();
        try (BoxOffice engine = setup.apply(fast(dir)).build()) {
            List<Ticket> tickets = tickets(engine);
            Random random = new Random(7);
            long cpu0 = Cpu.processNanos();
            long broker0 = brokerCpuNanos.getAsLong();
            long start = System.nanoTime();
            for (int i = 0; i < count; i++) {
                Ticket t = tickets.get(random.nextInt(tickets.size()));
                engine.tickets().update(t.id(), t.title(), new Money(100 + random.nextInt(10_000), USD), "seller");
            }
            long edited = System.nanoTime();
            engine.awaitQuiescence(SETTLE);
            double seconds = (System.nanoTime() - start) / 1e9;
            double broker = (brokerCpuNanos.getAsLong() - broker0) / 1e3 / count;
            double cpu = (Cpu.processNanos() - cpu0) / 1e3 / count + broker;
            long delivered = engine.replicas().stream().filter(c -> c.group().equals("orders"))
                    .mapToLong(ReplicaCounters::delivered).sum();
            return new Replication(count / seconds, delivered / (double) (count + tickets.size()),
                    (edited - start) / 1e9 / seconds, cpu, broker);
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

    /**
     * {@link #latency(double)} without {@code replicate} before it: the peak is one run of replicate's once the
     * JVM is warm (cold, the compiler's threads take a core and the peak measures them).
     */
    Figure latency() throws Exception {
        warmUp("replicate-latency: the peak", () -> engineReplicate(4, false));
        return latency(engineReplicate(4, false).rate());
    }

    /**
     * p99 ms from commit to applied at half the measured peak edit rate, on one engine that runs through all the
     * rounds as a server's does: warm-up rounds until the compiler has settled, then the measured runs.
     */
    Figure latency(double peakRate) throws Exception {
        double[] runs = new double[repeats];
        double rate = Math.max(1, peakRate / 2);
        long interval = (long) (1e9 / rate);
        Path dir = TempDirectories.create();
        try (PacedEdits paced = new PacedEdits(dir)) {
            WarmUp warm = warmUp("replicate-latency", () -> paced.run(interval));
            double slowest = Double.MAX_VALUE;
            for (int i = 0; i < repeats; i++) {
                progress.accept("replicate-latency: run " + (i + 1) + "/" + repeats);
                PacedRun run = paced.run(interval);
                runs[i] = run.p99();
                slowest = Math.min(slowest, run.rate());
            }
            return new Figure("replicate-latency", Figure.median(runs), Double.NaN, "ms p99", runs,
                    String.format(java.util.Locale.ROOT, "<= 20 ms (at %,.0f edits/s, half the peak, held at %,.0f "
                            + "or more; %s)", rate, slowest,
                            warm.describe(String.format(java.util.Locale.ROOT, "%,d paced edits", edits))),
                    false, 20);
        } finally {
            TempDirectories.delete(dir);
        }
    }

    /** A paced run: the p99 ms from commit to applied, and the edits per second the seller held. */
    private record PacedRun(double p99, double rate) {
    }

    /** One seller's edits at a set pace on an engine with 4 order replicas, and when each was applied. */
    private final class PacedEdits implements AutoCloseable {

        private final Map<String, Long> appliedAt = new ConcurrentHashMap<>();
        private final BoxOffice engine;
        private final List<Ticket> tickets;
        private final long[] version;
        private final Random random = new Random(11);

        PacedEdits(Path dir) {
            engine = fast(dir).orderReplicas(4)
                    .deliveryObserver(r -> {
                        if (r.fate() == DeliveryFate.APPLIED && r.group().equals("orders")) {
                            appliedAt.put(r.event().aggregateId() + "/" + r.event().version(), r.atNanos());
                        }
                    })
                    .build();
            tickets = tickets(engine);
            version = new long[tickets.size()];
        }

        /** {@code edits} edits, one every {@code intervalNanos}: the p99 ms from each commit until applied. */
        PacedRun run(long intervalNanos) {
            appliedAt.clear();
            Map<String, Long> committedAt = new ConcurrentHashMap<>();
            long start = System.nanoTime();
            long next = start;
            for (int i = 0; i < Math.max(200, edits); i++) {
                Pacing.waitUntil(next);
                int n = random.nextInt(tickets.size());
                Ticket t = tickets.get(n);
                engine.tickets().update(t.id(), t.title(), new Money(100 + random.nextInt(10_000), USD), "seller");
                committedAt.put(t.id() + "/" + (++version[n]), System.nanoTime());
                next += intervalNanos;
            }
            double rate = committedAt.size() / ((System.nanoTime() - start) / 1e9);
            engine.awaitQuiescence(SETTLE);
            double[] latencies = committedAt.entrySet().stream()
                    .filter(e -> appliedAt.containsKey(e.getKey()))
                    .mapToDouble(e -> (appliedAt.get(e.getKey()) - e.getValue()) / 1e6).sorted().toArray();
            return new PacedRun(latencies.length == 0 ? Double.NaN
                    : latencies[(int) Math.ceil(latencies.length * 0.99) - 1], rate);
        }

        @Override
        public void close() {
            engine.close();
        }
    }

    // ---- reorder --------------------------------------------------------------------------------------------

    /** 4 competing replicas with shuffled delivery against 1 replica in order. */
    Figure reorder() throws Exception {
        WarmUp warm = warmUp("reorder", () -> {
            engineReplicate(4, true);
            engineReplicate(1, false);
        });
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
                String.format(java.util.Locale.ROOT, ">= 0.8, <= 1.5 deliveries/event (%.2f; %s)",
                        Figure.median(deliveries), warm.describe(String.format(java.util.Locale.ROOT,
                                "%,d edits on each side", edits))), true, 0.8);
    }

    // ---- replicate-nats -------------------------------------------------------------------------------------

    /**
     * {@code replicate} with the events on NATS JetStream (a nats-server this run starts), against raw jnats: the
     * same number of 200-byte messages async-published and fetched-and-acknowledged through one durable consumer.
     * The target column also shows what each costs in CPU, this process's and the broker's together, and the
     * seller alone: together, the seller's edits and raw jnats's messages are a floor under the engine's CPU per
     * edit, and so, on this machine's cores, a ceiling on its rate. Raw jnats runs a second time paced at the
     * target's rate, as a relay publishes one seller's edits: messages that come a few at a time cost the broker
     * more than those fetched from a backlog, and the engine's broker share is to be read against that.
     */
    Figure replicateNats() throws Exception {
        if (LocalNatsServer.binary().isEmpty()) {
            return Figure.unavailable("replicate-nats", "edits/s", "not measured: " + LocalNatsServer.INSTALL_HINT);
        }
        progress.accept("replicate-nats: starting nats-server");
        try (LocalNatsServer broker = LocalNatsServer.start()) {
            progress.accept("replicate-nats: on " + broker.url());
            WarmUp warm = warmUp("replicate-nats", () -> {
                natsReplicate(broker);
                rawNats(broker, 0);
            });
            double[] engine = new double[repeats];
            double[] raw = new double[repeats];
            double[] deliveries = new double[repeats];
            double[] editing = new double[repeats];
            double[] engineCpu = new double[repeats];
            double[] engineBrokerCpu = new double[repeats];
            double[] rawCpu = new double[repeats];
            double[] rawBrokerCpu = new double[repeats];
            double[] sellerAlone = new double[repeats];
            double[] sellerCpu = new double[repeats];
            double[] pacedCpu = new double[repeats];
            double[] pacedBrokerCpu = new double[repeats];
            for (int i = 0; i < repeats; i++) {
                progress.accept("replicate-nats: run " + (i + 1) + "/" + repeats);
                Replication run = natsReplicate(broker);
                engine[i] = run.rate();
                deliveries[i] = run.deliveriesPerEvent();
                editing[i] = run.editShare();
                engineCpu[i] = run.cpuPerEdit();
                engineBrokerCpu[i] = run.brokerCpuPerEdit();
                Costed rawRun = rawNats(broker, 0);
                raw[i] = rawRun.rate();
                rawCpu[i] = rawRun.cpuPerItem();
                rawBrokerCpu[i] = rawRun.brokerCpuPerItem();
                Costed paced = rawNats(broker, TARGET_NATS * rawRun.rate());
                pacedCpu[i] = paced.cpuPerItem();
                pacedBrokerCpu[i] = paced.brokerCpuPerItem();
                Costed seller = sellerAlone(natsEdits());
                sellerAlone[i] = seller.rate();
                sellerCpu[i] = seller.cpuPerItem();
            }
            double rawRate = Figure.median(raw);
            int cores = Runtime.getRuntime().availableProcessors();
            double cpuCeiling = cores * 1e6 / (Figure.median(sellerCpu) + Figure.median(rawCpu));
            return new Figure("replicate-nats", Figure.median(engine), rawRate, "edits/s", engine,
                    String.format(java.util.Locale.ROOT, ">= %.1f (%.2f deliveries/event; the seller's edits %.0f %% "
                            + "of the run; the seller alone, nothing published: %,.0f edits/s, a ceiling of %.2f; "
                            + "CPU per edit %.0f us, the broker's %.0f of it; raw jnats %.0f us a message, the "
                            + "broker's %.0f; the seller alone %.0f us an edit; on %d cores those two alone allow "
                            + "%,.0f edits/s, a CPU ceiling of %.2f; raw jnats paced at the target's rate, %d "
                            + "messages a batch: %.0f us a message, the broker's %.0f; %s)",
                            TARGET_NATS, Figure.median(deliveries), 100 * Figure.median(editing),
                            Figure.median(sellerAlone), Figure.median(sellerAlone) / rawRate,
                            Figure.median(engineCpu), Figure.median(engineBrokerCpu), Figure.median(rawCpu),
                            Figure.median(rawBrokerCpu), Figure.median(sellerCpu), cores, cpuCeiling,
                            cpuCeiling / rawRate, PACED_BATCH, Figure.median(pacedCpu),
                            Figure.median(pacedBrokerCpu),
                            warm.describe(String.format(java.util.Locale.ROOT, "%,d edits", natsEdits()))),
                    true, TARGET_NATS);
        }
    }

    /**
     * What a run cost: its rate, and microseconds of CPU per edit or message, this process's and the broker's
     * together, and the broker's part of them (0 without a broker).
     */
    record Costed(double rate, double cpuPerItem, double brokerCpuPerItem) {
    }

    /**
     * Edits per replicate-nats run: at least 20,000, so that both the engine and raw jnats run long past their
     * warm-up (the JIT compiles for the first seconds of a run on 2 cores).
     */
    private int natsEdits() {
        return Math.max(20_000, edits);
    }

    /**
     * The same edits by the same one seller on an engine that publishes and handles nothing (not started): the
     * most any replication run can reach, whatever the transport.
     */
    private Costed sellerAlone(int count) {
        Path dir = TempDirectories.create();
        try (BoxOffice engine = fast(dir).autoStart(false).build()) {
            List<Ticket> tickets = new ArrayList<>();
            for (int i = 0; i < 50; i++) {
                tickets.add(engine.tickets().create("Show " + i, new Money(1_000, USD), "seller"));
            }
            Random random = new Random(7);
            long cpu0 = Cpu.processNanos();
            long start = System.nanoTime();
            for (int i = 0; i < count; i++) {
                Ticket t = tickets.get(random.nextInt(tickets.size()));
                engine.tickets().update(t.id(), t.title(), new Money(100 + random.nextInt(10_000), USD), "seller");
            }
            double seconds = (System.nanoTime() - start) / 1e9;
            return new Costed(count / seconds, (Cpu.processNanos() - cpu0) / 1e3 / count, 0);
        } finally {
            TempDirectories.delete(dir);
        }
    }

    private Replication natsReplicate(LocalNatsServer broker) throws Exception {
        JetStreamTransport.Settings settings = ownStream(broker, "ENGINE");
        try {
            return engineReplicate(b -> b.orderReplicas(4).transport(JetStreamTransport.connect(settings)),
                    natsEdits(), () -> broker.cpuTime().toNanos());
        } finally {
            JetStreamTransport.deleteStream(settings);
        }
    }

    private static JetStreamTransport.Settings ownStream(LocalNatsServer broker, String kind) {
        String run = Long.toHexString(System.nanoTime());
        return JetStreamTransport.Settings.of(broker.url())
                .withStream("BENCH_" + kind + "_" + run, "bench-" + kind.toLowerCase(java.util.Locale.ROOT) + "-" + run);
    }

    /** replicate-nats's target: this share of raw jnats's rate. */
    private static final double TARGET_NATS = 0.5;

    /** Messages a paced raw run publishes before it waits for their acks and the time of the next ones. */
    static final int PACED_BATCH = 32;

    /**
     * Messages per second from the first async publish until one durable consumer acknowledged the last one, and
     * the CPU they cost this process and the broker. With {@code pace} above 0, the messages are published as the
     * engine's relay publishes a seller's edits: {@link #PACED_BATCH} at a time, each batch's acks awaited, at that
     * many messages per second; the broker then delivers them as they come, not in full batches from a backlog,
     * and each message costs it more.
     */
    private Costed rawNats(LocalNatsServer broker, double pace) throws Exception {
        int count = natsEdits();
        JetStreamTransport.Settings settings = ownStream(broker, "RAW");
        try (io.nats.client.Connection nc = Nats.connect(broker.url())) {
            JetStreamManagement management = nc.jetStreamManagement();
            management.addStream(StreamConfiguration.builder().name(settings.stream())
                    .subjects(settings.subjectPrefix() + ".>")
                    .storageType(StorageType.File).build());
            management.addOrUpdateConsumer(settings.stream(), ConsumerConfiguration.builder()
                    .durable("raw").ackPolicy(AckPolicy.Explicit).build());
            JetStream js = nc.jetStream();
            JetStreamSubscription subscription = js.subscribe(null,
                    PullSubscribeOptions.bind(settings.stream(), "raw"));
            byte[] payload = new byte[200];
            Arrays.fill(payload, (byte) 'x');
            long cpu0 = Cpu.processNanos();
            long broker0 = broker.cpuTime().toNanos();
            long start = System.nanoTime();
            ExecutorService consumer = Executors.newSingleThreadExecutor();
            Future<?> consumed = consumer.submit(() -> {
                int received = 0;
                while (received < count) {
                    Iterator<Message> batch = subscription.iterate(256,
                            Duration.ofMillis(100));
                    while (batch.hasNext()) {
                        batch.next().ack();
                        received++;
                    }
                }
                return null;
            });
            List<CompletableFuture<PublishAck>> acks = new ArrayList<>();
            long batchNanos = pace > 0 ? (long) (PACED_BATCH * 1e9 / pace) : 0;
            long nextBatch = start;
            for (int i = 0; i < count; i++) {
                acks.add(js.publishAsync(settings.subjectPrefix() + ".ticket.t" + (i % 50), payload,
                        PublishOptions.builder().messageId("m" + i).build()));
                if (pace > 0 && acks.size() == PACED_BATCH) {
                    for (var ack : acks) {
                        ack.get();
                    }
                    acks.clear();
                    nextBatch += batchNanos;
                    for (long left = nextBatch - System.nanoTime(); left > 0; left = nextBatch - System.nanoTime()) {
                        LockSupport.parkNanos(left);
                    }
                }
            }
            for (var ack : acks) {
                ack.get();
            }
            consumed.get();
            double rate = count / ((System.nanoTime() - start) / 1e9);
            double brokerCpu = (broker.cpuTime().toNanos() - broker0) / 1e3 / count;
            double cpu = (Cpu.processNanos() - cpu0) / 1e3 / count + brokerCpu;
            consumer.shutdownNow();
            management.deleteStream(settings.stream());
            return new Costed(rate, cpu, brokerCpu);
        }
    }

    // ---- soak -----------------------------------------------------------------------------------------------

    /**
     * {@code soakEvents} ticket edits (each an event written to the outbox, relayed through the embedded log and
     * handled by the orders service's replica) by one seller on 50 tickets, through an engine on SQLite files whose
     * outbox, processed-event and log retentions are {@code soakRetention}; the stores' sizes (each file with its
     * write-ahead log) are read after every tenth of the edits, once the engine is quiet. The figure is the largest
     * total of the second half against the largest of the first half: bounded storage keeps it flat (target
     * <= 1.2); the largest size of each store is printed with it.
     */
    Figure soak() throws IOException {
        Path dir = TempDirectories.create();
        try (BoxOffice engine = fast(dir).outboxRetention(soakRetention).processedEventRetention(soakRetention)
                .logRetention(soakRetention).build()) {
            List<Ticket> tickets = new ArrayList<>();
            for (int i = 0; i < 50; i++) {
                tickets.add(engine.tickets().create("Show " + i, new Money(1_000, USD), "seller"));
            }
            Random random = new Random(11);
            double[] totals = new double[10];
            java.util.Map<String, Long> largest = new java.util.TreeMap<>();
            int chunk = Math.max(1, soakEvents / 10);
            for (int tenth = 0; tenth < 10; tenth++) {
                for (int i = 0; i < chunk; i++) {
                    Ticket t = tickets.get(random.nextInt(tickets.size()));
                    engine.tickets().update(t.id(), t.title(), new Money(100 + random.nextInt(10_000), USD), "seller");
                }
                engine.awaitQuiescence(SETTLE);
                java.util.Map<String, Long> sizes = storeSizes(dir);
                sizes.forEach((store, bytes) -> largest.merge(store, bytes, Math::max));
                totals[tenth] = sizes.values().stream().mapToLong(Long::longValue).sum() / 1e6;
                progress.accept(String.format(java.util.Locale.ROOT, "soak: %,d events, stores %.1f MB",
                        (long) chunk * (tenth + 1), totals[tenth]));
            }
            double first = Arrays.stream(totals, 0, 5).max().orElseThrow();
            double second = Arrays.stream(totals, 5, 10).max().orElseThrow();
            String bounds = largest.entrySet().stream().map(e -> String.format(java.util.Locale.ROOT, "%s %.1f",
                    e.getKey(), e.getValue() / 1e6)).collect(java.util.stream.Collectors.joining(", "));
            return new Figure("soak", second, first, "MB", totals, String.format(java.util.Locale.ROOT,
                    "<= 1.2 (second half / first half of %,d events, retentions %d s; each store at most, MB: %s)",
                    (long) chunk * 10, soakRetention.toSeconds(), bounds), false, 1.2);
        } finally {
            TempDirectories.delete(dir);
        }
    }

    /** Bytes on disk per store: its SQLite file and write-ahead log. */
    private static java.util.Map<String, Long> storeSizes(Path dir) throws IOException {
        java.util.Map<String, Long> sizes = new java.util.TreeMap<>();
        try (var files = java.nio.file.Files.list(dir)) {
            for (Path f : files.toList()) {
                String name = f.getFileName().toString();
                if (name.endsWith(".db") || name.endsWith(".db-wal")) {
                    sizes.merge(name.substring(0, name.indexOf(".db")), java.nio.file.Files.size(f), Long::sum);
                }
            }
        }
        return sizes;
    }

    private static BoxOfficeBuilder fast(Path dir) {
        return BoxOffice.builder().dataDirectory(dir).durableCommits(false);
    }
}
