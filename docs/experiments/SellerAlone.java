import dev.boxoffice.engine.BoxOffice;
import dev.boxoffice.engine.Money;
import dev.boxoffice.engine.ticket.Ticket;
import dev.boxoffice.simulator.TempDirectories;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Currency;
import java.util.List;
import java.util.Random;

/**
 * One seller editing 50 tickets as fast as it can on an engine that publishes and handles nothing (not started):
 * the path behind the README's "The one seller" paragraph, long enough to profile warm. Run from the repository's
 * root after a build:
 *
 * <pre>
 * java -cp demo-simulator/target/boxoffice-simulator.jar docs/experiments/SellerAlone.java 6
 * </pre>
 *
 * It prints each round of 50,000 edits: the rate, and the CPU time of the seller's own thread per edit (which the
 * machine's speed from run to run moves less than the rate).
 */
public class SellerAlone {

    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

    public static void main(String[] args) throws Exception {
        int rounds = args.length == 0 ? 6 : Integer.parseInt(args[0]);
        Currency usd = Currency.getInstance("USD");
        Path dir = TempDirectories.create();
        try (BoxOffice engine = BoxOffice.builder().dataDirectory(dir).durableCommits(false).autoStart(false)
                .build()) {
            List<Ticket> tickets = new ArrayList<>();
            for (int i = 0; i < 50; i++) {
                tickets.add(engine.tickets().create("Show " + i, new Money(1_000, usd), "seller"));
            }
            Random random = new Random(7);
            int edits = 50_000;
            for (int round = 1; round <= rounds; round++) {
                long start = System.nanoTime();
                long cpu = THREADS.getCurrentThreadCpuTime();
                for (int i = 0; i < edits; i++) {
                    Ticket t = tickets.get(random.nextInt(tickets.size()));
                    engine.tickets().update(t.id(), t.title(), new Money(100 + random.nextInt(10_000), usd),
                            "seller");
                }
                long nanos = System.nanoTime() - start;
                long cpuNanos = THREADS.getCurrentThreadCpuTime() - cpu;
                System.out.printf("round %d: %,.0f edits/s, %.1f us per edit, %.1f us of the seller's CPU%n", round,
                        edits / (nanos / 1e9), nanos / 1e3 / edits, cpuNanos / 1e3 / edits);
            }
        } finally {
            TempDirectories.delete(dir);
        }
    }
}
