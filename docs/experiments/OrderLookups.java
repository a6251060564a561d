import dev.boxoffice.engine.BoxOffice;
import dev.boxoffice.engine.testing.PastBusiness;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.atomic.AtomicLong;
import org.sqlite.SQLiteConfig;
import org.sqlite.SQLiteConnection;

/**
 * Order lookups by id on a data directory of past business, by hand and through the engine: the measurements behind
 * the README's "order-lookup-large" paragraph. Run from the repository's root after a build, e.g.
 *
 * <pre>
 * J=demo-simulator/target/boxoffice-simulator.jar
 * java -cp $J docs/experiments/OrderLookups.java write /tmp/lookups/million 1000000
 * java -cp $J docs/experiments/OrderLookups.java hand /tmp/lookups/million 0            # plain reads
 * java -cp $J docs/experiments/OrderLookups.java hand /tmp/lookups/million 1073741824   # memory-mapped reads
 * java -cp $J docs/experiments/OrderLookups.java hand /tmp/lookups/million 1073741824 writer
 * java -cp $J docs/experiments/OrderLookups.java without-rowid /tmp/lookups/million /tmp/lookups/clustered
 * java -cp $J docs/experiments/OrderLookups.java engine /tmp/lookups/million /tmp/lookups/clustered
 * </pre>
 *
 * Each measurement is 3 rounds of 5 s after one of warm-up, printed per round.
 */
public class OrderLookups {

    private static final long ROUND_NANOS = 5_000_000_000L;

    public static void main(String[] args) throws Exception {
        switch (args.length == 0 ? "" : args[0]) {
            case "write" -> PastBusiness.write(Path.of(args[1]), Integer.parseInt(args[2]), Integer.parseInt(args[2]));
            case "hand" -> byHand(Path.of(args[1]), Long.parseLong(args[2]), args.length > 3);
            case "without-rowid" -> withoutRowid(Path.of(args[1]), Path.of(args[2]));
            case "engine" -> throughEngine(Path.of(args[1]), Path.of(args[2]));
            default -> System.err.println("usage: write DIR ROWS | hand DIR MMAP_BYTES [writer] | "
                    + "without-rowid DIR COPY_DIR | engine DIR DIR");
        }
    }

    private static Connection open(Path dir, long mmapBytes) throws Exception {
        SQLiteConfig config = new SQLiteConfig();
        config.setJournalMode(SQLiteConfig.JournalMode.WAL);
        config.setSynchronous(SQLiteConfig.SynchronousMode.NORMAL);
        config.setBusyTimeout(30_000);
        Connection c = config.createConnection("jdbc:sqlite:" + dir.resolve("orders.db"));
        try (Statement s = c.createStatement()) {
            s.execute("PRAGMA mmap_size = " + mmapBytes);
        }
        return c;
    }

    private static int orders(Path dir) throws Exception {
        try (Connection c = open(dir, 0); Statement s = c.createStatement();
             ResultSet r = s.executeQuery("SELECT count(*) FROM orders")) {
            return r.getInt(1);
        }
    }

    /** 4 readers by hand, each its own connection; with {@code writer}, one more thread updating 5 orders a commit. */
    private static void byHand(Path dir, long mmapBytes, boolean writer) throws Exception {
        int rows = orders(dir);
        for (int round = 0; round <= 3; round++) {
            AtomicLong lookups = new AtomicLong();
            AtomicLong commits = new AtomicLong();
            long end = System.nanoTime() + ROUND_NANOS;
            List<Thread> threads = new ArrayList<>();
            for (int r = 0; r < 4; r++) {
                Random random = new Random(r);
                threads.add(start(() -> {
                    try (Connection c = open(dir, mmapBytes);
                         PreparedStatement lookup = c.prepareStatement("SELECT * FROM orders WHERE id = ?")) {
                        while (System.nanoTime() < end) {
                            lookup.setString(1, PastBusiness.orderId(1 + random.nextInt(rows)));
                            try (ResultSet row = lookup.executeQuery()) {
                                if (!row.next()) {
                                    throw new IllegalStateException("an order is missing");
                                }
                            }
                            lookups.incrementAndGet();
                        }
                    }
                }));
            }
            if (writer) {
                Random random = new Random(99);
                threads.add(start(() -> {
                    try (Connection c = open(dir, 0);
                         PreparedStatement update = c.prepareStatement(
                                 "UPDATE orders SET version = version + 1 WHERE id = ?")) {
                        SQLiteConnection sqlite = c.unwrap(SQLiteConnection.class);
                        while (System.nanoTime() < end) {
                            sqlite.getDatabase().exec("BEGIN IMMEDIATE", false);
                            for (int k = 0; k < 5; k++) {
                                update.setString(1, PastBusiness.orderId(1 + random.nextInt(rows)));
                                update.executeUpdate();
                            }
                            sqlite.getDatabase().exec("COMMIT", false);
                            commits.incrementAndGet();
                        }
                    }
                }));
            }
            for (Thread t : threads) {
                t.join();
            }
            System.out.printf("%s %,d orders, mmap_size %,d%s: %,d lookups/s%s%n", round == 0 ? "warm-up" : "round " + round,
                    rows, mmapBytes, writer ? ", a writer beside" : "", lookups.get() * 1_000_000_000L / ROUND_NANOS,
                    writer ? String.format(", %,d commits/s", commits.get() * 1_000_000_000L / ROUND_NANOS) : "");
        }
    }

    /** Copies {@code dir}'s stores to {@code copy}, the orders table there remade WITHOUT ROWID (keyed by id). */
    private static void withoutRowid(Path dir, Path copy) throws Exception {
        Files.createDirectories(copy);
        try (var files = Files.list(dir)) {
            for (Path f : files.filter(f -> f.toString().endsWith(".db")).toList()) {
                Files.copy(f, copy.resolve(f.getFileName()), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            }
        }
        try (Connection c = open(copy, 0); Statement s = c.createStatement()) {
            List<String> indexes = new ArrayList<>();
            try (ResultSet r = s.executeQuery("SELECT sql FROM sqlite_master WHERE type = 'index' "
                    + "AND tbl_name = 'orders' AND sql IS NOT NULL")) {
                while (r.next()) {
                    indexes.add(r.getString(1));
                }
            }
            s.execute("BEGIN");
            // the implicit rowid, which the order lists page by, as a column of its own
            s.execute("CREATE TABLE orders_by_id (id TEXT PRIMARY KEY, ticket_id TEXT NOT NULL, ticket_title TEXT "
                    + "NOT NULL, price_minor INTEGER NOT NULL, currency TEXT NOT NULL, user_id TEXT NOT NULL, status "
                    + "TEXT NOT NULL, version INTEGER NOT NULL, expires_at TEXT NOT NULL, payment_id TEXT, request_key "
                    + "TEXT, rowid INTEGER NOT NULL UNIQUE) WITHOUT ROWID");
            s.execute("INSERT INTO orders_by_id SELECT id, ticket_id, ticket_title, price_minor, currency, user_id, "
                    + "status, version, expires_at, payment_id, request_key, rowid FROM orders ORDER BY id");
            s.execute("DROP TABLE orders");
            s.execute("ALTER TABLE orders_by_id RENAME TO orders");
            for (String index : indexes) {
                s.execute(index);
            }
            s.execute("COMMIT");
            s.execute("VACUUM");
        }
        System.out.println("orders WITHOUT ROWID in " + copy);
    }

    /** 8 readers through {@code orders().getFor} on each directory's engine in turn, both engines open. */
    private static void throughEngine(Path first, Path second) throws Exception {
        Path[] dirs = {first, second};
        int[] rows = {orders(first), orders(second)};
        try (BoxOffice one = BoxOffice.builder().dataDirectory(first).durableCommits(false).build();
             BoxOffice other = BoxOffice.builder().dataDirectory(second).durableCommits(false).build()) {
            BoxOffice[] engines = {one, other};
            for (int round = 0; round <= 3; round++) {
                for (int e = 0; e < 2; e++) {
                    BoxOffice engine = engines[e];
                    int n = rows[e];
                    AtomicLong lookups = new AtomicLong();
                    long end = System.nanoTime() + ROUND_NANOS;
                    List<Thread> threads = new ArrayList<>();
                    for (int t = 0; t < 8; t++) {
                        Random random = new Random(t);
                        threads.add(start(() -> {
                            while (System.nanoTime() < end) {
                                int order = 1 + random.nextInt(n);
                                engine.orders().getFor(PastBusiness.orderId(order), PastBusiness.buyerOf(order));
                                lookups.incrementAndGet();
                            }
                        }));
                    }
                    for (Thread t : threads) {
                        t.join();
                    }
                    System.out.printf("%s %s (%,d orders): %,d lookups/s%n", round == 0 ? "warm-up" : "round " + round,
                            dirs[e], n, lookups.get() * 1_000_000_000L / ROUND_NANOS);
                }
            }
        }
    }

    private interface Work {
        void run() throws Exception;
    }

    private static Thread start(Work work) {
        Thread t = new Thread(() -> {
            try {
                work.run();
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        t.start();
        return t;
    }
}
