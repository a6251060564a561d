package dev.boxoffice.console.app;

import dev.boxoffice.console.client.ConsoleClient;
import dev.boxoffice.console.dashboard.DashboardView;
import dev.boxoffice.console.dashboard.DashboardViewModel;
import dev.boxoffice.console.deadletters.DeadLettersView;
import dev.boxoffice.console.deadletters.DeadLettersViewModel;
import dev.boxoffice.console.events.EventsView;
import dev.boxoffice.console.events.EventsViewModel;
import dev.boxoffice.console.orders.OrdersView;
import dev.boxoffice.console.orders.OrdersViewModel;
import dev.boxoffice.console.replicas.ReplicasView;
import dev.boxoffice.console.replicas.ReplicasViewModel;
import dev.boxoffice.console.tickets.TicketsView;
import dev.boxoffice.console.tickets.TicketsViewModel;
import dev.boxoffice.console.timers.TimersView;
import dev.boxoffice.console.timers.TimersViewModel;
import java.time.Clock;
import java.util.Map;
import java.util.concurrent.ScheduledExecutorService;
import javafx.animation.KeyFrame;
import javafx.animation.Timeline;
import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.control.Tab;
import javafx.scene.control.TabPane;
import javafx.scene.layout.BorderPane;
import javafx.util.Duration;

/** The signed-in window: one tab per view, refreshed live once a second. */
public class MainView extends BorderPane {

    private final TabPane tabs = new TabPane();
    private final EventsViewModel events;
    private final Timeline heartbeat;

    public MainView(ConsoleClient client, Tasks tasks, ScheduledExecutorService scheduler) {
        Clock clock = Clock.systemUTC();
        TicketsViewModel tickets = new TicketsViewModel(tasks, client);
        OrdersViewModel orders = new OrdersViewModel(tasks, client);
        events = new EventsViewModel(tasks, client, scheduler, System::nanoTime);
        ReplicasViewModel replicas = new ReplicasViewModel(tasks, client);
        DeadLettersViewModel deadLetters = new DeadLettersViewModel(tasks, client);
        TimersViewModel timers = new TimersViewModel(tasks, client);
        DashboardViewModel dashboard = new DashboardViewModel(tasks, client, events::eventsPerSecond);
        OrdersView ordersView = new OrdersView(orders, clock);
        // the events view names tickets and orders the console has listed
        tickets.visibleTickets().addListener((javafx.collections.ListChangeListener<dev.boxoffice.console.client.Rows
                .Ticket>) c -> events.knowTickets(tickets.visibleTickets()));
        orders.visibleOrders().addListener((javafx.collections.ListChangeListener<dev.boxoffice.console.client.Rows
                .Order>) c -> events.knowOrders(orders.visibleOrders()));

        tabs.setId("tabs");
        tabs.setTabClosingPolicy(TabPane.TabClosingPolicy.UNAVAILABLE);
        tabs.getTabs().addAll(
                tab("Dashboard", new DashboardView(dashboard, this::open, status -> {
                    orders.statusFilterProperty().set(status);
                    open("Orders");
                })),
                tab("Tickets", new TicketsView(tickets, t -> {
                    orders.order(t.id());
                    open("Orders");
                })),
                tab("Orders", ordersView),
                tab("Events", new EventsView(events)),
                tab("Replicas", new ReplicasView(replicas)),
                tab("Dead letters", new DeadLettersView(deadLetters)),
                tab("Expiry timers", new TimersView(timers, clock)));
        // the views that read pages from the server: refreshed when shown, and each second while they are
        Map<String, Runnable> whileShown = Map.of("Tickets", tickets::refresh, "Orders", orders::refresh,
                "Dead letters", deadLetters::refresh, "Expiry timers", timers::refresh);
        Runnable refreshShown = () -> whileShown.getOrDefault(tabs.getSelectionModel().getSelectedItem().getText(),
                () -> { }).run();
        tabs.getSelectionModel().selectedItemProperty().addListener((o, a, tab) -> refreshShown.run());
        setCenter(tabs);
        Label status = new Label(StatusBar.text(events.statusProperty().get(), client.url(), client.email(), 0));
        status.setId("statusBar");
        status.getStyleClass().add("status-bar");
        Styles.state(status, "disconnected", events.statusProperty(), stream -> !stream.equals("live"));
        events.statusProperty().addListener((o, was, now) -> status.setText(StatusBar.text(now, client.url(),
                client.email(), events.eventsPerSecond())));
        setBottom(status);

        heartbeat = new Timeline(new KeyFrame(Duration.seconds(1), e -> {
            dashboard.tick();
            replicas.refresh(); // while hidden too: each refresh counts the refusals since the one before
            ordersView.tick();
            refreshShown.run();
            status.setText(StatusBar.text(events.statusProperty().get(), client.url(), client.email(),
                    events.eventsPerSecond()));
        }));
        heartbeat.setCycleCount(Timeline.INDEFINITE);
        tickets.refresh();
        events.start();
        dashboard.tick();
        heartbeat.play();
    }

    private static Tab tab(String name, Node content) {
        Tab tab = new Tab(name, content);
        tab.setId(name.replace(" ", "") + "Tab");
        return tab;
    }

    /** Shows the tab with this name. */
    public void open(String name) {
        tabs.getTabs().stream().filter(t -> t.getText().equals(name)).findFirst()
                .ifPresent(t -> tabs.getSelectionModel().select(t));
    }

    /** Stops the live refresh and the event stream. */
    public void stop() {
        heartbeat.stop();
        events.stop();
    }
}
