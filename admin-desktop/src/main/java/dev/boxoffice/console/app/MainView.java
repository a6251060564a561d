package dev.boxoffice.console.app;

import dev.boxoffice.console.client.ConsoleClient;
import dev.boxoffice.console.events.EventsView;
import dev.boxoffice.console.events.EventsViewModel;
import dev.boxoffice.console.replicas.ReplicasView;
import dev.boxoffice.console.replicas.ReplicasViewModel;
import dev.boxoffice.console.tickets.TicketsView;
import dev.boxoffice.console.tickets.TicketsViewModel;
import java.util.concurrent.ScheduledExecutorService;
import javafx.animation.KeyFrame;
import javafx.animation.Timeline;
import javafx.scene.control.Label;
import javafx.scene.control.Tab;
import javafx.scene.control.TabPane;
import javafx.scene.layout.BorderPane;
import javafx.util.Duration;

/** The signed-in window: one tab per view, refreshed live. */
public class MainView extends BorderPane {

    private final TicketsViewModel tickets;
    private final EventsViewModel events;
    private final ReplicasViewModel replicas;
    private final Timeline heartbeat;

    public MainView(ConsoleClient client, Tasks tasks, ScheduledExecutorService scheduler) {
        tickets = new TicketsViewModel(tasks, client);
        events = new EventsViewModel(tasks, client, scheduler, System::nanoTime);
        replicas = new ReplicasViewModel(tasks, client);

        TabPane tabs = new TabPane();
        tabs.setId("tabs");
        tabs.setTabClosingPolicy(TabPane.TabClosingPolicy.UNAVAILABLE);
        Tab ticketsTab = new Tab("Tickets", new TicketsView(tickets));
        ticketsTab.setId("ticketsTab");
        Tab eventsTab = new Tab("Events", new EventsView(events));
        eventsTab.setId("eventsTab");
        Tab replicasTab = new Tab("Replicas", new ReplicasView(replicas));
        replicasTab.setId("replicasTab");
        tabs.getTabs().addAll(ticketsTab, eventsTab, replicasTab);
        ticketsTab.setOnSelectionChanged(e -> {
            if (ticketsTab.isSelected()) {
                tickets.refresh();
            }
        });
        setCenter(tabs);
        Label status = new Label();
        status.setId("statusBar");
        status.setText("Signed in to " + client.url() + " as " + client.email());
        setBottom(status);

        heartbeat = new Timeline(new KeyFrame(Duration.seconds(1), e -> {
            replicas.refresh();
            status.setText("Signed in to " + client.url() + " as " + client.email() + "  ·  "
                    + events.eventsPerSecond() + " events/s");
        }));
        heartbeat.setCycleCount(Timeline.INDEFINITE);
        tickets.refresh();
        replicas.refresh();
        events.start();
        heartbeat.play();
    }

    /** Stops the live refresh and the event stream. */
    public void stop() {
        heartbeat.stop();
        events.stop();
    }
}
