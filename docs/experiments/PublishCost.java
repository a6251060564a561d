import dev.boxoffice.engine.bus.Delivery;
import dev.boxoffice.engine.bus.Subscription;
import dev.boxoffice.engine.event.EventEnvelope;
import dev.boxoffice.engine.internal.messaging.EmbeddedTransport;
import dev.boxoffice.engine.internal.storage.Durability;
import com.fasterxml.uuid.impl.TimeBasedEpochGenerator;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.Set;

/**
 * The embedded log alone, on one thread: publish a batch of ticket edits, fetch it and ack it, 40,000 events a
 * round, 12 rounds; prints the CPU per event of the last 6 (the first warm the JVM up) and their median. Behind the
 * publish figures of "Batches everywhere downstream" in the README. Run from the repository's root after a build:
 *
 * <pre>
 * java -cp demo-simulator/target/boxoffice-simulator.jar docs/experiments/PublishCost.java 5
 * java -cp demo-simulator/target/boxoffice-simulator.jar docs/experiments/PublishCost.java 50
 * </pre>
 */
public class PublishCost {

    public static void main(String[] args) throws Exception {
        int batch = Integer.parseInt(args[0]);
        EmbeddedTransport log = EmbeddedTransport.open(Files.createTempDirectory("publish-cost"), Durability.NORMAL,
                System::nanoTime, Duration.ofSeconds(30));
        Subscription orders = log.subscribe("orders", Set.of("ticket:updated"));
        String payload = "{\"id\":\"t\",\"version\":3,\"title\":\"Opera\",\"price\":{\"amount\":1234,"
                + "\"currency\":\"USD\"},\"userId\":\"seller\"}";
        TimeBasedEpochGenerator ids = new TimeBasedEpochGenerator(new Random(1));
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        List<Double> warm = new ArrayList<>();
        for (int round = 1; round <= 12; round++) {
            long cpu = threads.getCurrentThreadCpuTime();
            for (int i = 0; i < 40_000 / batch; i++) {
                List<EventEnvelope> events = new ArrayList<>();
                for (int j = 0; j < batch; j++) {
                    events.add(new EventEnvelope(ids.generate().toString(), "ticket:updated", "t" + (j % 50), i,
                            Instant.now(), "c", payload));
                }
                log.publish(events);
                List<Delivery> delivered = orders.fetch(1_000, Duration.ZERO);
                orders.ack(delivered);
            }
            if (round > 6) {
                double micros = (threads.getCurrentThreadCpuTime() - cpu) / 1e3 / (40_000 / batch * batch);
                warm.add(micros);
                System.out.printf("round %d, batches of %d: %.1f us of CPU per event (publish, fetch, ack)%n", round,
                        batch, micros);
            }
        }
        warm.sort(null);
        System.out.printf("median: %.1f us%n", (warm.get(2) + warm.get(3)) / 2);
        log.close();
    }
}
