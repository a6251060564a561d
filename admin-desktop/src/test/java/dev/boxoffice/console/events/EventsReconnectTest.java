package dev.boxoffice.console.events;

import static dev.boxoffice.engine.support.EngineFixture.QUIET;
import static org.assertj.core.api.Assertions.assertThat;

import dev.boxoffice.console.RealServer;
import dev.boxoffice.console.app.Tasks;
import dev.boxoffice.console.client.ConsoleClient;
import dev.boxoffice.engine.support.Await;
import dev.boxoffice.engine.support.TempDirs;
import io.micronaut.runtime.server.EmbeddedServer;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.util.concurrent.ScheduledExecutorService;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The live tail against a server that goes away and comes back on the same address and data. */
class EventsReconnectTest {

    private final Path dir = TempDirs.create("console-reconnect");
    /** Counts the reconnect attempts it has run. */
    private final java.util.concurrent.atomic.AtomicInteger attempts = new java.util.concurrent.atomic.AtomicInteger();
    private final ScheduledExecutorService scheduler = new java.util.concurrent.ScheduledThreadPoolExecutor(1) {
        @Override
        protected void afterExecute(Runnable task, Throwable failure) {
            attempts.incrementAndGet();
        }
    };
    /** Every status the tail went through, in order. */
    private final java.util.List<String> statuses = new java.util.ArrayList<>();
    private EmbeddedServer server = RealServer.start(dir, -1);
    private final int port = server.getPort();
    private final ConsoleClient client = ConsoleClient.signIn("http://127.0.0.1:" + port,
            RealServer.OPERATOR_EMAIL, RealServer.OPERATOR_PASSWORD);
    private final EventsViewModel model = new EventsViewModel(new Tasks(Runnable::run, this::onUi), client,
            scheduler, System::nanoTime);

    /** Events and status changes arrive on client and scheduler threads: serialize them on the test. */
    private synchronized void onUi(Runnable action) {
        action.run();
    }

    @AfterEach
    void close() {
        model.stop();
        scheduler.shutdownNow();
        client.close();
        if (server != null) {
            server.getApplicationContext().close();
        }
        TempDirs.delete(dir);
    }

    @Test
    void shouldReconnectByItselfWhenTheServerRestartsAndKeepTailing() {
        synchronized (this) {
            model.statusProperty().addListener((o, was, now) -> statuses.add(now));
        }
        model.start();
        awaitTicketInTail("Before restart");

        server.getApplicationContext().close();
        server = null;
        Await.until("the tail to notice the server is gone", QUIET, () -> status().startsWith("disconnected"));
        int before = attempts.get();
        Await.until("two attempts to reconnect", QUIET, () -> attempts.get() >= before + 2);
        synchronized (this) {
            // an attempt is not a connection: live only once the server answers
            assertThat(statuses.subList(statuses.indexOf(status()), statuses.size())).containsOnly(status());
        }
        assertThat(dev.boxoffice.console.app.StatusBar.text(status(), client.url(), client.email(), 0))
                .startsWith("Disconnected from " + client.url() + ": the server does not answer; reconnecting");

        server = RealServer.start(dir, port);
        Await.until("the tail to reconnect", QUIET, () -> status().equals("live"));
        String after = awaitTicketInTail("After restart");

        synchronized (this) {
            assertThat(model.allEvents()).anyMatch(e -> e.aggregateId().equals(after));
            assertThat(model.statusProperty().get()).isEqualTo("live");
        }
        assertThat(dev.boxoffice.console.app.StatusBar.text(status(), client.url(), client.email(), 3))
                .isEqualTo("Connected to " + client.url() + " as " + client.email() + "  ·  3 events/s");
        model.stop();
        assertThat(dev.boxoffice.console.app.StatusBar.text(status(), client.url(), client.email(), 0))
                .isEqualTo("Disconnected from " + client.url());
    }

    private synchronized String status() {
        return model.statusProperty().get();
    }

    /**
     * Creates a ticket and waits for its event in the tail; the stream subscribes asynchronously, so a ticket
     * created before the subscription is in place is not shown: another is created each second until one is.
     */
    private String awaitTicketInTail(String title) {
        String[] latest = new String[1];
        long[] createdAt = {0};
        Await.until("a '" + title + "' ticket in the live tail", QUIET, () -> {
            if (System.nanoTime() - createdAt[0] > 1_000_000_000L) {
                latest[0] = client.createTicket(title, BigDecimal.ONE).id();
                createdAt[0] = System.nanoTime();
            }
            synchronized (this) {
                return model.allEvents().stream().anyMatch(e -> e.subject().equals("ticket:created")
                        && e.aggregateId().equals(latest[0]));
            }
        });
        return latest[0];
    }
}
