import dev.boxoffice.engine.BoxOffice;
import dev.boxoffice.engine.BoxOfficeBuilder;
import dev.boxoffice.engine.Money;
import dev.boxoffice.engine.nats.JetStreamTransport;
import dev.boxoffice.engine.ticket.Ticket;
import dev.boxoffice.simulator.TempDirectories;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Currency;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;

/**
 * Where the CPU of {@code bench replicate}'s path goes, thread by thread: one seller edits 50 tickets as fast as it
 * can on an engine with four order replicas (SQLite, the embedded log, as the bench's), and each round of 20,000
 * edits, from the first edit until the engine is quiet, is charged to the threads that did the work, grouped by
 * name (the seller, the order replicas, the relays, the stores' checkpoints, the JIT compiler, the rest). CPU, not
 * wall time: two builds measured one after the other on this virtual machine compare far better by it than by
 * their rates. Run from the repository's root after a build:
 *
 * <pre>
 * java -cp demo-simulator/target/boxoffice-simulator.jar docs/experiments/ReplicationCosts.java 12 6
 * </pre>
 *
 * The first argument is the warm-up rounds, the second the measured ones; it prints each measured round and then
 * each group's median in microseconds of CPU per edit. With a third and fourth, a nats-server's URL and process id,
 * the events go through JetStream as in {@code bench replicate-nats} (a stream of the run's own), and the broker's
 * CPU is a group too:
 *
 * <pre>
 * nats-server -a 127.0.0.1 -p 4333 -js -sd /tmp/js &amp;
 * java -cp demo-simulator/target/boxoffice-simulator.jar docs/experiments/ReplicationCosts.java 12 6 \
 *     nats://127.0.0.1:4333 $!
 * </pre>
 */
public class ReplicationCosts {

    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

    public static void main(String[] args) throws Exception {
        int warmUp = args.length > 0 ? Integer.parseInt(args[0]) : 12;
        int measured = args.length > 1 ? Integer.parseInt(args[1]) : 6;
        int edits = 20_000;
        Currency usd = Currency.getInstance("USD");
        Path dir = TempDirectories.create();
        Map<String, List<Double>> perEdit = new TreeMap<>();
        BoxOfficeBuilder builder = BoxOffice.builder().dataDirectory(dir).durableCommits(false).orderReplicas(4);
        ProcessHandle broker = null;
        if (args.length > 3) {
            String stream = "COSTS" + ProcessHandle.current().pid();
            builder.transport(JetStreamTransport.connect(JetStreamTransport.Settings.of(args[2])
                    .withStream(stream, stream.toLowerCase())));
            broker = ProcessHandle.of(Long.parseLong(args[3])).orElseThrow();
        }
        try (BoxOffice engine = builder.build()) {
            List<Ticket> tickets = new ArrayList<>();
            for (int i = 0; i < 50; i++) {
                tickets.add(engine.tickets().create("Show " + i, new Money(1_000, usd), "seller"));
            }
            engine.awaitQuiescence(Duration.ofSeconds(60));
            Random random = new Random(7);
            for (int round = 1; round <= warmUp + measured; round++) {
                Map<String, Long> before = cpuByGroup(broker);
                long start = System.nanoTime();
                for (int i = 0; i < edits; i++) {
                    Ticket t = tickets.get(random.nextInt(tickets.size()));
                    engine.tickets().update(t.id(), t.title(), new Money(100 + random.nextInt(10_000), usd),
                            "seller");
                }
                engine.awaitQuiescence(Duration.ofSeconds(60));
                long nanos = System.nanoTime() - start;
                Map<String, Long> after = cpuByGroup(broker);
                if (round <= warmUp) {
                    continue;
                }
                StringBuilder line = new StringBuilder(String.format("round %d: %,.0f edits/s;", round - warmUp,
                        edits / (nanos / 1e9)));
                double total = 0;
                for (Map.Entry<String, Long> group : after.entrySet()) {
                    double us = (group.getValue() - before.getOrDefault(group.getKey(), 0L)) / 1e3 / edits;
                    total += us;
                    perEdit.computeIfAbsent(group.getKey(), g -> new ArrayList<>()).add(us);
                    line.append(String.format(" %s %.1f", group.getKey(), us));
                }
                perEdit.computeIfAbsent("total", g -> new ArrayList<>()).add(total);
                System.out.println(line.append(String.format("; total %.1f us of CPU per edit", total)));
            }
        } finally {
            TempDirectories.delete(dir);
        }
        System.out.println("medians, us of CPU per edit:");
        perEdit.forEach((group, values) -> {
            double[] sorted = values.stream().mapToDouble(Double::doubleValue).sorted().toArray();
            System.out.printf("  %-12s %6.1f  (%.1f-%.1f)%n", group, sorted[sorted.length / 2], sorted[0],
                    sorted[sorted.length - 1]);
        });
    }

    /** The CPU time of every live thread so far, summed by the group its name puts it in, and the broker's. */
    private static Map<String, Long> cpuByGroup(ProcessHandle broker) {
        Map<String, Long> groups = new TreeMap<>();
        if (broker != null) {
            groups.put("broker", broker.info().totalCpuDuration().orElseThrow().toNanos());
        }
        for (long id : THREADS.getAllThreadIds()) {
            java.lang.management.ThreadInfo info = THREADS.getThreadInfo(id);
            long cpu = THREADS.getThreadCpuTime(id);
            if (info == null || cpu < 0) {
                continue;
            }
            groups.merge(group(info.getThreadName()), cpu, Long::sum);
        }
        return groups;
    }

    private static String group(String thread) {
        if (thread.equals("main")) {
            return "seller";
        }
        if (thread.startsWith("boxoffice-orders@")) {
            return "replicas";
        }
        if (thread.endsWith("-relay")) {
            return "relays";
        }
        if (thread.endsWith(":checkpoints")) {
            return "checkpoints";
        }
        if (thread.startsWith("nats")) {
            return "jnats";
        }
        if (thread.contains("Compiler")) {
            return "compiler";
        }
        return "other";
    }
}
