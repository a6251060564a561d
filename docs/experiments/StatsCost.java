import dev.boxoffice.engine.BoxOffice;
import dev.boxoffice.engine.testing.PastBusiness;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * What the operator's dashboard counts ({@code GET /api/admin/stats}) cost as the stores grow: each count the route
 * makes, through the engine, on a thousand tickets and orders and on a million, written by {@link PastBusiness}. Run
 * from the repository's root after a build:
 *
 * <pre>
 * java -cp demo-simulator/target/boxoffice-simulator.jar docs/experiments/StatsCost.java /tmp/stats
 * </pre>
 *
 * Prints, per store size, the median of 15 calls of each count (after 5 uncounted), in milliseconds.
 */
public class StatsCost {

    public static void main(String[] args) throws Exception {
        Path root = Path.of(args.length > 0 ? args[0] : "/tmp/stats");
        for (int rows : new int[] {1_000, 1_000_000}) {
            Path dir = root.resolve(String.valueOf(rows));
            if (!Files.exists(dir)) {
                long start = System.nanoTime();
                PastBusiness.write(dir, rows, rows);
                System.out.printf("wrote %,d tickets and orders in %.1f s%n", rows, (System.nanoTime() - start) / 1e9);
            }
            try (BoxOffice engine = BoxOffice.builder().dataDirectory(dir).durableCommits(false).build()) {
                System.out.printf("%,9d rows: tickets %.2f ms, orders by status %.2f ms, timers %.2f ms, "
                                + "dead letters %.2f ms%n", rows,
                        median(() -> engine.tickets().counts()),
                        median(() -> engine.orders().countByStatus()),
                        median(() -> engine.expirations().counts()),
                        median(() -> engine.deadLetters().count()));
            }
        }
    }

    private static double median(Runnable count) {
        for (int i = 0; i < 5; i++) {
            count.run();
        }
        double[] ms = new double[15];
        for (int i = 0; i < ms.length; i++) {
            long start = System.nanoTime();
            count.run();
            ms[i] = (System.nanoTime() - start) / 1e6;
        }
        java.util.Arrays.sort(ms);
        return ms[ms.length / 2];
    }
}
