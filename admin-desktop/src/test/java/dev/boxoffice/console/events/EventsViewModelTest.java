package dev.boxoffice.console.events;

import static dev.boxoffice.engine.support.EngineFixture.QUIET;
import static org.assertj.core.api.Assertions.assertThat;

import dev.boxoffice.engine.support.Await;
import dev.boxoffice.console.RealServer;
import dev.boxoffice.console.app.Tasks;
import dev.boxoffice.console.client.ConsoleClient;
import dev.boxoffice.console.client.Rows.Event;
import dev.boxoffice.console.client.Rows.Ticket;
import java.math.BigDecimal;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class EventsViewModelTest {

    private final ConsoleClient client = ConsoleClient.signIn(RealServer.url(), RealServer.OPERATOR_EMAIL,
            RealServer.OPERATOR_PASSWORD);
    private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor();
    /** Events arrive on a client thread; the inline UI executor is made safe by serializing on the model. */
    private final EventsViewModel model = new EventsViewModel(new Tasks(Runnable::run, this::onUi), client,
            scheduler, System::nanoTime);

    private synchronized void onUi(Runnable action) {
        action.run();
    }

    @AfterEach
    void close() {
        model.stop();
        scheduler.shutdownNow();
        client.close();
    }

    private boolean seen(String subject, String aggregateId) {
        synchronized (this) {
            return model.allEvents().stream().anyMatch(e -> e.subject().equals(subject)
                    && e.aggregateId().equals(aggregateId));
        }
    }

    @Test
    void shouldTailTheStreamNewestFirst_filterIt_andStopAddingWhilePaused() {
        model.start();
        // the stream subscribes asynchronously: publish until the first event shows up
        Ticket[] first = new Ticket[1];
        Await.until("the live tail to receive an event", QUIET, () -> {
            first[0] = client.createTicket("Tail", BigDecimal.ONE);
            return seen("ticket:created", first[0].id());
        });
        client.updateTicket(first[0].id(), "Tail 2", BigDecimal.TEN);
        Await.until("ticket:updated in the tail", QUIET, () -> seen("ticket:updated", first[0].id()));

        synchronized (this) {
            Event newest = model.allEvents().get(0);
            assertThat(model.allEvents().indexOf(newest)).isZero();
            model.subjectFilterProperty().set("ticket:updated");
            assertThat(model.visibleEvents()).allMatch(e -> e.subject().equals("ticket:updated")).isNotEmpty();
            model.subjectFilterProperty().set("");
            model.aggregateFilterProperty().set(first[0].id());
            assertThat(model.visibleEvents()).allMatch(e -> e.aggregateId().equals(first[0].id()));
            assertThat(model.statusProperty().get()).isEqualTo("live");
            model.pausedProperty().set(true);
        }
        int before;
        synchronized (this) {
            before = model.allEvents().size();
        }
        Ticket during = client.createTicket("While paused", BigDecimal.ONE);
        Await.until("the paused event counted", QUIET, () -> {
            synchronized (this) {
                return model.eventsPerSecond() > 0;
            }
        });
        synchronized (this) {
            assertThat(model.allEvents()).hasSize(before);
            assertThat(model.allEvents()).noneMatch(e -> e.aggregateId().equals(during.id()));
        }
    }
}
