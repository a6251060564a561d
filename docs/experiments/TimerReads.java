import dev.boxoffice.engine.BoxOffice;
import dev.boxoffice.engine.expiration.ExpiryTimer;
import dev.boxoffice.simulator.TempDirectories;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Supplier;

/**
 * The expiration service's reads behind the operator's {@code /api/admin/stats} and {@code /api/admin/expirations},
 * the way they were (every pending timer read, then counted or listed) and the way they are (counted in the store;
 * a page of 101 from the due index), on a store holding a thousand pending timers against one holding a million
 * (a tenth of them overdue). Behind "The operator's reads" in the README's Performance section. Run from the
 * repository's root after a build:
 *
 * <pre>
 * java -cp demo-simulator/target/boxoffice-simulator.jar docs/experiments/TimerReads.java
 * </pre>
 *
 * Each read runs for 3 s after 1 s of warm-up; the median call is printed in ms.
 */
public class TimerReads {

    public static void main(String[] args) throws Exception {
        for (int timers : new int[] {1_000, 1_000_000}) {
            Path dir = TempDirectories.create();
            try {
                BoxOffice.builder().dataDirectory(dir).build().close();
                write(dir, timers);
                try (BoxOffice engine = BoxOffice.builder().dataDirectory(dir).autoStart(false).build()) {
                    System.out.printf("%,d pending timers:%n", timers);
                    measure("  stats, all read and counted", () -> {
                        List<ExpiryTimer> all = engine.expirations().pending();
                        Instant now = Instant.now();
                        return all.size() + all.stream().filter(t -> !t.expiresAt().isAfter(now)).count();
                    });
                    measure("  stats, counted in the store", () -> {
                        var counts = engine.expirations().counts();
                        return counts.pending() + counts.overdue();
                    });
                    measure("  expirations, all read", () -> (long) engine.expirations().pending().size());
                    measure("  expirations, a page of 101", () -> (long) engine.expirations().page(null, 101).size());
                }
            } finally {
                TempDirectories.delete(dir);
            }
        }
    }

    /** {@code timers} pending timers, every tenth overdue, straight into the expiration store. */
    private static void write(Path dir, int timers) throws Exception {
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + dir.resolve("expiration.db"));
             PreparedStatement insert = c.prepareStatement("WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 "
                     + "FROM n WHERE i < ?) INSERT INTO order_timers (order_id, version, status, expires_at, "
                     + "correlation_id) SELECT printf('%08x-71e5-4000-8000-000000000004', i), 0, 'created', "
                     + "CASE WHEN i % 10 = 0 THEN '2020' ELSE '2099' END || '-01-01T00:00:00.' || printf('%09d', i) "
                     + "|| 'Z', 'experiment' FROM n")) {
            insert.setInt(1, timers);
            insert.executeUpdate();
        }
    }

    private static void measure(String what, Supplier<Long> read) {
        long sink = 0;
        long warm = System.nanoTime() + 1_000_000_000L;
        while (System.nanoTime() < warm) {
            sink += read.get();
        }
        List<Long> calls = new ArrayList<>();
        long end = System.nanoTime() + 3_000_000_000L;
        while (System.nanoTime() < end || calls.size() < 3) {
            long start = System.nanoTime();
            sink += read.get();
            calls.add(System.nanoTime() - start);
        }
        long[] sorted = calls.stream().mapToLong(Long::longValue).sorted().toArray();
        System.out.printf("%-34s %10.3f ms  (%d calls, %s)%n", what, sorted[sorted.length / 2] / 1e6, sorted.length,
                sink > 0 ? "read" : "nothing read");
    }
}
