import dev.boxoffice.engine.BoxOffice;
import dev.boxoffice.engine.Money;
import dev.boxoffice.engine.replication.DeliveryFate;
import dev.boxoffice.engine.ticket.Ticket;
import dev.boxoffice.simulator.Pacing;
import dev.boxoffice.simulator.TempDirectories;
import java.nio.file.Path;
import java.text.SimpleDateFormat;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Currency;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The loop of {@code bench}'s replicate-latency on one long-lived engine (4 order replicas), printed chunk by
 * chunk: the rate the seller held, p50, p99 and the slowest edit from commit to applied, how many took over
 * 20 ms, and the wall-clock times at which the first and last of those committed, to set against
 * {@code strace -f -tt -T -e trace=fsync} or a GC log of the same run. Run from the repository's root after a
 * build:
 *
 * <pre>
 * java -cp demo-simulator/target/boxoffice-simulator.jar docs/experiments/PacedLatency.java 6500 20 10 4000
 * </pre>
 *
 * (edits per second, chunks, chunks left unprinted to warm up, edits per chunk). Behind "replicate-latency: what
 * the late events waited for".
 */
public class PacedLatency {

    public static void main(String[] args) throws Exception {
        double rate = Double.parseDouble(args[0]);
        int chunks = Integer.parseInt(args[1]);
        int warmUp = Integer.parseInt(args[2]);
        int perChunk = Integer.parseInt(args[3]);
        Currency usd = Currency.getInstance("USD");
        Map<String, Long> appliedAt = new ConcurrentHashMap<>();
        Path dir = TempDirectories.create();
        long wall0 = System.currentTimeMillis();
        long nano0 = System.nanoTime();
        try (BoxOffice engine = BoxOffice.builder().dataDirectory(dir).durableCommits(false).orderReplicas(4)
                .deliveryObserver(r -> {
                    if (r.fate() == DeliveryFate.APPLIED && r.group().equals("orders")) {
                        appliedAt.put(r.event().aggregateId() + "/" + r.event().version(), r.atNanos());
                    }
                }).build()) {
            List<Ticket> tickets = new ArrayList<>();
            for (int i = 0; i < 50; i++) {
                tickets.add(engine.tickets().create("Show " + i, new Money(1_000, usd), "seller"));
            }
            engine.awaitQuiescence(Duration.ofSeconds(30));
            long[] version = new long[tickets.size()];
            Random random = new Random(11);
            long interval = (long) (1e9 / rate);
            for (int chunk = 0; chunk < chunks; chunk++) {
                appliedAt.clear();
                Map<String, Long> committedAt = new ConcurrentHashMap<>();
                long start = System.nanoTime();
                long next = start;
                for (int i = 0; i < perChunk; i++) {
                    Pacing.waitUntil(next);
                    int n = random.nextInt(tickets.size());
                    Ticket t = tickets.get(n);
                    engine.tickets().update(t.id(), t.title(), new Money(100 + random.nextInt(10_000), usd),
                            "seller");
                    committedAt.put(t.id() + "/" + (++version[n]), System.nanoTime());
                    next += interval;
                }
                long edited = System.nanoTime();
                engine.awaitQuiescence(Duration.ofSeconds(30));
                if (chunk < warmUp) {
                    continue;
                }
                List<long[]> latencies = new ArrayList<>(); // {committed at, nanos until applied}
                committedAt.forEach((key, at) -> {
                    Long applied = appliedAt.get(key);
                    if (applied != null) {
                        latencies.add(new long[] {at, applied - at});
                    }
                });
                latencies.sort(Comparator.comparingLong(l -> l[1]));
                long first = Long.MAX_VALUE;
                long last = 0;
                int slow = 0;
                for (long[] l : latencies) {
                    if (l[1] > 20_000_000) {
                        slow++;
                        first = Math.min(first, l[0]);
                        last = Math.max(last, l[0]);
                    }
                }
                System.out.printf("%s %.0f edits/s, chunk %d: p50 %.1f ms, p99 %.1f, max %.1f; %d over 20 ms, "
                                + "committed %s..%s%n", wall(wall0, nano0, start), perChunk / ((edited - start) / 1e9),
                        chunk, latencies.get(latencies.size() / 2)[1] / 1e6,
                        latencies.get((int) Math.ceil(latencies.size() * 0.99) - 1)[1] / 1e6,
                        latencies.get(latencies.size() - 1)[1] / 1e6, slow,
                        slow == 0 ? "-" : wall(wall0, nano0, first), slow == 0 ? "-" : wall(wall0, nano0, last));
            }
        } finally {
            TempDirectories.delete(dir);
        }
    }

    private static String wall(long wall0, long nano0, long nanos) {
        return new SimpleDateFormat("HH:mm:ss.SSS").format(new Date(wall0 + (nanos - nano0) / 1_000_000));
    }
}
