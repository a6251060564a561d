import dev.boxoffice.engine.BoxOffice;
import dev.boxoffice.engine.Money;
import dev.boxoffice.simulator.TempDirectories;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Currency;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * {@code bench}'s durable-reserve load on one engine at {@code synchronous=FULL}, round after round: 32 buyers
 * each placing orders for fresh tickets, each round printing the placements per second, the rate until everything
 * downstream was done, the CPU per placement (downstream included; of it, the threads that checkpoint the stores'
 * logs in the background) and the placements' p50, p99 and slowest time.
 * The measurements behind "The background checkpoints at FULL" in the README's Performance section. Run from the
 * repository's root after a build (to compare two versions of the engine, run each's jar in turn, several times):
 *
 * <pre>
 * java -cp demo-simulator/target/boxoffice-simulator.jar docs/experiments/DurablePlacements.java 6000 12
 * </pre>
 *
 * (placements per round, rounds; the first few rounds warm the JVM up).
 */
public class DurablePlacements {

    private static final int BUYERS = 32;

    /** CPU time so far of the threads that checkpoint the stores' logs in the background. */
    private static long checkpointNanos() {
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        long sum = 0;
        for (ThreadInfo t : threads.getThreadInfo(threads.getAllThreadIds())) {
            if (t != null && t.getThreadName().endsWith(":checkpoints")) {
                sum += Math.max(0, threads.getThreadCpuTime(t.getThreadId()));
            }
        }
        return sum;
    }

    public static void main(String[] args) throws Exception {
        int placements = Integer.parseInt(args[0]);
        int rounds = Integer.parseInt(args[1]);
        Path dir = TempDirectories.create();
        Money price = new Money(5_000, Currency.getInstance("USD"));
        var os = (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        try (BoxOffice engine = BoxOffice.builder().dataDirectory(dir).durableCommits(true).build()) {
            for (int round = 1; round <= rounds; round++) {
                String[] tickets = new String[placements];
                ExecutorService sellers = Executors.newFixedThreadPool(8);
                for (int i = 0; i < placements; i++) {
                    int n = i;
                    sellers.submit(() -> tickets[n] = engine.tickets().create("Seat " + n, price, "seller-" + n % 8)
                            .id());
                }
                sellers.shutdown();
                sellers.awaitTermination(10, java.util.concurrent.TimeUnit.MINUTES);
                engine.awaitQuiescence(Duration.ofMinutes(2));

                long checkpoints0 = checkpointNanos();
                long cpu0 = os.getProcessCpuTime();
                long start = System.nanoTime();
                long[] took = new long[placements];
                AtomicInteger next = new AtomicInteger();
                ExecutorService buyers = Executors.newFixedThreadPool(BUYERS);
                List<Future<?>> done = new ArrayList<>();
                for (int b = 0; b < BUYERS; b++) {
                    String buyer = "buyer-" + b;
                    done.add(buyers.submit(() -> {
                        for (int i = next.getAndIncrement(); i < placements; i = next.getAndIncrement()) {
                            long t0 = System.nanoTime();
                            engine.orders().place(tickets[i], buyer);
                            took[i] = System.nanoTime() - t0;
                        }
                        return null;
                    }));
                }
                for (Future<?> f : done) {
                    f.get();
                }
                long placed = System.nanoTime();
                buyers.shutdown();
                engine.awaitQuiescence(Duration.ofMinutes(2));
                long settled = System.nanoTime();
                double cpuMicros = (os.getProcessCpuTime() - cpu0) / 1e3 / placements;
                double checkpointMicros = (checkpointNanos() - checkpoints0) / 1e3 / placements;
                Arrays.sort(took);
                System.out.printf(java.util.Locale.ROOT, "round %2d: %,6.0f placements/s, %,6.0f/s with everything "
                                + "downstream, %,5.0f us CPU per placement (checkpoint threads %3.0f); p50 %.1f ms, p99 %.1f, "
                        + "slowest %.1f%n",
                        round, placements / ((placed - start) / 1e9), placements / ((settled - start) / 1e9),
                        cpuMicros, checkpointMicros, took[placements / 2] / 1e6, took[(int) (placements * 0.99)] / 1e6,
                        took[placements - 1] / 1e6);
            }
        } finally {
            TempDirectories.delete(dir);
        }
    }
}
