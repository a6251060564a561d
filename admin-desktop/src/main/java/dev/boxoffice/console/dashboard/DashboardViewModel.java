package dev.boxoffice.console.dashboard;

import dev.boxoffice.console.app.Tasks;
import dev.boxoffice.console.client.ConsoleClient;
import dev.boxoffice.console.client.Rows.Replica;
import dev.boxoffice.console.client.Rows.Stats;
import java.util.List;
import java.util.function.IntSupplier;
import javafx.beans.property.ReadOnlyLongProperty;
import javafx.beans.property.ReadOnlyLongWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * The dashboard: what is flowing (events per second, the last minute of it), what is stuck (dead letters,
 * overdue timers, refusals), and the counts behind each view.
 */
public class DashboardViewModel {

    /** Seconds of events-per-second history kept for the chart. */
    public static final int HISTORY = 60;

    private final Tasks tasks;
    private final ConsoleClient client;
    private final IntSupplier eventsPerSecond;
    private final ReadOnlyLongWrapper tickets = new ReadOnlyLongWrapper();
    private final ReadOnlyLongWrapper reserved = new ReadOnlyLongWrapper();
    private final javafx.beans.property.ReadOnlyObjectWrapper<java.util.Map<String, Long>> orderCounts =
            new javafx.beans.property.ReadOnlyObjectWrapper<>(java.util.Map.of());
    private final ReadOnlyLongWrapper replicas = new ReadOnlyLongWrapper();
    private final ReadOnlyLongWrapper refused = new ReadOnlyLongWrapper();
    private final ReadOnlyLongWrapper deadLetters = new ReadOnlyLongWrapper();
    private final ReadOnlyLongWrapper timers = new ReadOnlyLongWrapper();
    private final ReadOnlyLongWrapper overdue = new ReadOnlyLongWrapper();
    private final ReadOnlyStringWrapper error = new ReadOnlyStringWrapper("");
    private final ObservableList<Integer> rate = FXCollections.observableArrayList();

    public DashboardViewModel(Tasks tasks, ConsoleClient client, IntSupplier eventsPerSecond) {
        this.tasks = tasks;
        this.client = client;
        this.eventsPerSecond = eventsPerSecond;
    }

    private record Snapshot(Stats stats, List<Replica> replicas) {
    }

    /** Takes one second's sample of the event rate and refreshes the counts. */
    public void tick() {
        rate.add(eventsPerSecond.getAsInt());
        if (rate.size() > HISTORY) {
            rate.remove(0, rate.size() - HISTORY);
        }
        tasks.run(() -> new Snapshot(client.stats(), client.replicas()), s -> {
            tickets.set(s.stats().tickets());
            reserved.set(s.stats().reservedTickets());
            orderCounts.set(java.util.Map.copyOf(s.stats().ordersByStatus()));
            replicas.set(s.replicas().stream().filter(r -> r.group().equals("orders")).count());
            refused.set(s.replicas().stream().mapToLong(Replica::outOfOrderRefused).sum());
            deadLetters.set(s.stats().deadLetters());
            timers.set(s.stats().pendingTimers());
            overdue.set(s.stats().overdueTimers());
            error.set("");
        }, failure -> error.set(failure.getMessage()));
    }

    public ReadOnlyLongProperty ticketsProperty() {
        return tickets.getReadOnlyProperty();
    }

    public ReadOnlyLongProperty reservedProperty() {
        return reserved.getReadOnlyProperty();
    }

    /** How many orders there are in each status (by wire name). */
    public javafx.beans.property.ReadOnlyObjectProperty<java.util.Map<String, Long>> orderCountsProperty() {
        return orderCounts.getReadOnlyProperty();
    }

    public ReadOnlyLongProperty replicasProperty() {
        return replicas.getReadOnlyProperty();
    }

    public ReadOnlyLongProperty refusedProperty() {
        return refused.getReadOnlyProperty();
    }

    public ReadOnlyLongProperty deadLettersProperty() {
        return deadLetters.getReadOnlyProperty();
    }

    public ReadOnlyLongProperty timersProperty() {
        return timers.getReadOnlyProperty();
    }

    public ReadOnlyLongProperty overdueProperty() {
        return overdue.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty errorProperty() {
        return error.getReadOnlyProperty();
    }

    /** Events per second, one sample a second, oldest first. */
    public ObservableList<Integer> rate() {
        return rate;
    }
}
