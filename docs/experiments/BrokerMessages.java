import dev.boxoffice.engine.BoxOffice;
import dev.boxoffice.engine.Money;
import dev.boxoffice.engine.nats.JetStreamTransport;
import dev.boxoffice.engine.testing.LoopbackPorts;
import dev.boxoffice.engine.ticket.Ticket;
import dev.boxoffice.simulator.TempDirectories;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Currency;
import java.util.List;
import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What the broker does for each ticket edit of {@code bench replicate-nats}: one seller edits 50 tickets on an engine
 * whose events go through a nats-server (four order replicas, SQLite as the bench's), and the broker's own counters
 * ({@code /varz} on its monitoring port) give the messages and bytes it took in and sent out per edit, next to its
 * CPU. Behind "JetStream sends each group only its subjects" in the README's Performance section. Run from the
 * repository's root after a build, with nats-server on the PATH:
 *
 * <pre>
 * java -cp demo-simulator/target/boxoffice-simulator.jar docs/experiments/BrokerMessages.java 4
 * </pre>
 *
 * It prints each round of 20,000 edits (a stream of its own each).
 */
public class BrokerMessages {

    private static final HttpClient HTTP = HttpClient.newHttpClient();

    public static void main(String[] args) throws Exception {
        int rounds = args.length == 0 ? 4 : Integer.parseInt(args[0]);
        Currency usd = Currency.getInstance("USD");
        int port = LoopbackPorts.free();
        int monitor = LoopbackPorts.free();
        Path store = TempDirectories.create();
        Process broker = new ProcessBuilder("nats-server", "-a", "127.0.0.1", "-p", String.valueOf(port), "-m",
                String.valueOf(monitor), "-js", "-sd", store.toString())
                .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        try {
            waitForPort(port);
            for (int round = 1; round <= rounds; round++) {
                Path dir = TempDirectories.create();
                JetStreamTransport.Settings settings = JetStreamTransport.Settings.of("nats://127.0.0.1:" + port)
                        .withStream("EDITS" + round, "edits" + round);
                try (BoxOffice engine = BoxOffice.builder().dataDirectory(dir).durableCommits(false).orderReplicas(4)
                        .transport(JetStreamTransport.connect(settings)).build()) {
                    List<Ticket> tickets = new ArrayList<>();
                    for (int i = 0; i < 50; i++) {
                        tickets.add(engine.tickets().create("Show " + i, new Money(1_000, usd), "seller"));
                    }
                    engine.awaitQuiescence(Duration.ofMinutes(1));
                    long[] before = varz(monitor);
                    long cpu = broker.info().totalCpuDuration().orElseThrow().toNanos();
                    Random random = new Random(7);
                    int edits = 20_000;
                    long start = System.nanoTime();
                    for (int i = 0; i < edits; i++) {
                        Ticket t = tickets.get(random.nextInt(tickets.size()));
                        engine.tickets().update(t.id(), t.title(), new Money(100 + random.nextInt(10_000), usd),
                                "seller");
                    }
                    engine.awaitQuiescence(Duration.ofMinutes(1));
                    double seconds = (System.nanoTime() - start) / 1e9;
                    long[] after = varz(monitor);
                    double brokerCpu = (broker.info().totalCpuDuration().orElseThrow().toNanos() - cpu) / 1e3;
                    System.out.printf("round %d: %,.0f edits/s; the broker per edit: %.1f µs of CPU, %.2f messages "
                                    + "in, %.2f out, %.0f bytes in, %.0f out%n", round, edits / seconds,
                            brokerCpu / edits, (after[0] - before[0]) / (double) edits,
                            (after[1] - before[1]) / (double) edits, (after[2] - before[2]) / (double) edits,
                            (after[3] - before[3]) / (double) edits);
                } finally {
                    TempDirectories.delete(dir);
                }
            }
        } finally {
            broker.destroyForcibly().waitFor();
            TempDirectories.delete(store);
        }
    }

    /** in_msgs, out_msgs, in_bytes, out_bytes from the broker's /varz. */
    private static long[] varz(int monitor) throws IOException, InterruptedException {
        String body = HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + monitor + "/varz")).build(),
                HttpResponse.BodyHandlers.ofString()).body();
        String[] names = {"in_msgs", "out_msgs", "in_bytes", "out_bytes"};
        long[] values = new long[names.length];
        for (int i = 0; i < names.length; i++) {
            Matcher m = Pattern.compile("\"" + names[i] + "\":\\s*(\\d+)").matcher(body);
            if (!m.find()) {
                throw new IllegalStateException("no " + names[i] + " in /varz");
            }
            values[i] = Long.parseLong(m.group(1));
        }
        return values;
    }

    private static void waitForPort(int port) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (System.nanoTime() < deadline) {
            if (LoopbackPorts.listening(port)) {
                return;
            }
            Thread.sleep(10);
        }
        throw new IllegalStateException("nats-server did not listen on port " + port);
    }
}
