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

    private final ConsoleClient client = RealServer.operator();
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

    @Test
    void shouldNameWhatEachEventIsAbout_andFindEventsByThatName() throws Exception {
        String title = "Named " + java.util.UUID.randomUUID().toString().substring(0, 8);
        Ticket known = client.createTicket(title, BigDecimal.ONE); // before the tail: named from the ticket list
        synchronized (this) {
            model.knowTickets(java.util.List.of(known));
        }
        model.start();
        Ticket[] probe = new Ticket[1];
        Await.until("the live tail to receive an event", QUIET, () -> {
            probe[0] = client.createTicket("Probe", BigDecimal.ONE);
            return seen("ticket:created", probe[0].id());
        });
        String orderId = dev.boxoffice.console.Buyers.order(RealServer.url(), "named@example.com", known.id());
        Await.until("order:created in the tail", QUIET, () -> seen("order:created", orderId));
        Await.until("ticket:updated (reserved) in the tail", QUIET, () -> seen("ticket:updated", known.id()));

        synchronized (this) {
            assertThat(model.about(event("ticket:created", probe[0].id()))).isEqualTo("“Probe”");
            assertThat(model.about(event("ticket:updated", known.id()))).isEqualTo("“" + title + "”");
            assertThat(model.about(event("order:created", orderId))).isEqualTo("order for “" + title + "”");
            model.aggregateFilterProperty().set(title.toUpperCase(java.util.Locale.ROOT));
            assertThat(model.visibleEvents()).extracting(Event::aggregateId).containsOnly(known.id(), orderId)
                    .contains(known.id(), orderId);
        }
    }

    private Event event(String subject, String aggregateId) {
        return model.allEvents().stream().filter(e -> e.subject().equals(subject) && e.aggregateId()
                .equals(aggregateId)).findFirst().orElseThrow();
    }
}
