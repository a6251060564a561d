import dev.boxoffice.engine.BoxOffice;
import dev.boxoffice.simulator.TempDirectories;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/**
 * The CPU an engine spends while nobody uses it: an engine on a fresh data directory (SQLite, {@code synchronous=
 * FULL} as a server's) is left alone to warm up, then each thread's CPU is measured over a window. Behind "The
 * timers' loop reads before it writes" in the README's Performance section. Run from the repository's root after
 * a build:
 *
 * <pre>
 * java -cp demo-simulator/target/boxoffice-simulator.jar docs/experiments/IdleEngine.java 150 10
 * </pre>
 *
 * (seconds left alone first, seconds measured); prints the busiest threads and the total.
 */
public class IdleEngine {

    public static void main(String[] args) throws Exception {
        long warmUp = Long.parseLong(args[0]);
        long window = Long.parseLong(args[1]);
        Path dir = TempDirectories.create();
        try (BoxOffice engine = BoxOffice.builder().dataDirectory(dir).durableCommits(true).build()) {
            Thread.sleep(warmUp * 1000);
            Map<Long, Long> before = cpuByThread();
            Thread.sleep(window * 1000);
            Map<Long, Long> after = cpuByThread();
            ThreadMXBean threads = ManagementFactory.getThreadMXBean();
            Map<String, Long> used = new HashMap<>();
            long total = 0;
            for (Map.Entry<Long, Long> t : after.entrySet()) {
                Long start = before.get(t.getKey());
                ThreadInfo info = threads.getThreadInfo(t.getKey());
                if (start != null && info != null) {
                    used.merge(info.getThreadName(), t.getValue() - start, Long::sum);
                    total += t.getValue() - start;
                }
            }
            used.entrySet().stream().sorted((a, b) -> Long.compare(b.getValue(), a.getValue())).limit(8)
                    .forEach(e -> System.out.printf(java.util.Locale.ROOT, "%-40s %6.1f ms%n", e.getKey(),
                            e.getValue() / 1e6));
            System.out.printf(java.util.Locale.ROOT, "every thread: %.1f ms of CPU in %d s%n", total / 1e6, window);
        } finally {
            TempDirectories.delete(dir);
        }
    }

    private static Map<Long, Long> cpuByThread() {
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        Map<Long, Long> cpu = new HashMap<>();
        for (long id : threads.getAllThreadIds()) {
            long nanos = threads.getThreadCpuTime(id);
            if (nanos >= 0) {
                cpu.put(id, nanos);
            }
        }
        return cpu;
    }
}
