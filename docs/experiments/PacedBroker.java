import io.nats.client.Connection;
import io.nats.client.JetStream;
import io.nats.client.JetStreamManagement;
import io.nats.client.JetStreamSubscription;
import io.nats.client.Message;
import io.nats.client.Nats;
import io.nats.client.PullSubscribeOptions;
import io.nats.client.api.AckPolicy;
import io.nats.client.api.ConsumerConfiguration;
import io.nats.client.api.PublishAck;
import io.nats.client.api.StorageType;
import io.nats.client.api.StreamConfiguration;
import io.nats.client.PublishOptions;
import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.locks.LockSupport;

/**
 * What a JetStream message costs the broker and the client when messages come a few at a time, as a relay publishes
 * one seller's edits, against all at once, as {@code bench replicate-nats}'s raw baseline publishes them: raw jnats,
 * 50,000 messages of 200 bytes through one durable pull consumer that fetches up to 256 and acks each, published
 * either all at once or in batches (each batch's acks awaited) paced at a rate. Behind "What the broker costs at
 * the engine's pace" in the README's Performance section. Run from the repository's root after a build, with a
 * nats-server of its own:
 *
 * <pre>
 * nats-server -a 127.0.0.1 -p 4333 -js -sd /tmp/js &amp;
 * java -cp demo-simulator/target/boxoffice-simulator.jar docs/experiments/PacedBroker.java nats://127.0.0.1:4333 $!
 * </pre>
 *
 * Each plan runs twice on a stream of its own; the second run is printed.
 */
public class PacedBroker {

    /** {batch, messages per second}; a batch of 0 publishes everything at once. */
    private static final int[][] PLANS = {{0, 0}, {32, 12_000}, {32, 20_000}, {64, 20_000}, {16, 20_000},
            {32, 24_000}};

    public static void main(String[] args) throws Exception {
        String url = args[0];
        ProcessHandle broker = ProcessHandle.of(Long.parseLong(args[1])).orElseThrow();
        int count = 50_000;
        byte[] payload = new byte[200];
        int run = 0;
        for (int[] plan : PLANS) {
            int batch = plan[0];
            int rate = plan[1];
            run++;
            try (Connection nc = Nats.connect(url)) {
                JetStreamManagement management = nc.jetStreamManagement();
                String stream = "PACED" + run + "_" + ProcessHandle.current().pid();
                String prefix = stream.toLowerCase();
                management.addStream(StreamConfiguration.builder().name(stream).subjects(prefix + ".>")
                        .storageType(StorageType.File).build());
                management.addOrUpdateConsumer(stream, ConsumerConfiguration.builder().durable("raw")
                        .ackPolicy(AckPolicy.Explicit).build());
                JetStream js = nc.jetStream();
                JetStreamSubscription subscription = js.subscribe(null, PullSubscribeOptions.bind(stream, "raw"));
                for (int round = 0; round < 2; round++) {
                    long own0 = processCpuNanos();
                    long broker0 = broker.info().totalCpuDuration().orElseThrow().toNanos();
                    long start = System.nanoTime();
                    ExecutorService consumer = Executors.newSingleThreadExecutor();
                    Future<?> consumed = consumer.submit(() -> {
                        int received = 0;
                        while (received < count) {
                            Iterator<Message> fetched = subscription.iterate(256, Duration.ofMillis(100));
                            while (fetched.hasNext()) {
                                fetched.next().ack();
                                received++;
                            }
                        }
                        return null;
                    });
                    List<CompletableFuture<PublishAck>> acks = new ArrayList<>();
                    long batchNanos = batch == 0 ? 0 : (long) (batch * 1e9 / rate);
                    long next = start;
                    for (int i = 0; i < count; i++) {
                        acks.add(js.publishAsync(prefix + ".ticket.t" + (i % 50), payload,
                                PublishOptions.builder().messageId(round + "m" + i).build()));
                        if (batch > 0 && acks.size() == batch) {
                            for (CompletableFuture<PublishAck> ack : acks) {
                                ack.get();
                            }
                            acks.clear();
                            next += batchNanos;
                            for (long left = next - System.nanoTime(); left > 0; left = next - System.nanoTime()) {
                                LockSupport.parkNanos(left);
                            }
                        }
                    }
                    for (CompletableFuture<PublishAck> ack : acks) {
                        ack.get();
                    }
                    consumed.get();
                    consumer.shutdown();
                    double seconds = (System.nanoTime() - start) / 1e9;
                    double brokerCpu = (broker.info().totalCpuDuration().orElseThrow().toNanos() - broker0) / 1e3
                            / count;
                    double clientCpu = (processCpuNanos() - own0) / 1e3 / count;
                    if (round == 1) {
                        System.out.printf("%s: %,.0f messages/s; per message the broker %.1f us of CPU, the client "
                                        + "%.1f%n", batch == 0 ? "all at once" : String.format("batches of %d at %,d/s",
                                        batch, rate), count / seconds, brokerCpu, clientCpu);
                    }
                }
                management.deleteStream(stream);
            }
        }
    }

    private static long processCpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
                .getProcessCpuTime();
    }
}
