package dev.boxoffice.console.timers;

import dev.boxoffice.console.app.Tables;
import dev.boxoffice.console.app.Tasks;
import dev.boxoffice.console.client.ConsoleClient;
import dev.boxoffice.console.client.Rows.Timer;
import java.time.Instant;
import java.util.List;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * Pending expiry timers, the soonest first; the view shows the time left and highlights overdue ones. The list holds
 * one page of the server's (the soonest 1,000), and its caption says how many are pending in all.
 */
public class TimersViewModel {

    /** The most timers the list holds: the server's largest page. */
    public static final int SHOWN = 1000;

    private record Loaded(List<Timer> soonest, long pending) {
    }

    private final Tasks tasks;
    private final ConsoleClient client;
    private final int shown;
    private final ObservableList<Timer> timers = FXCollections.observableArrayList();
    private final ReadOnlyStringWrapper caption = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper error = new ReadOnlyStringWrapper("");

    public TimersViewModel(Tasks tasks, ConsoleClient client) {
        this(tasks, client, SHOWN);
    }

    /** With a list of at most {@code shown} timers. */
    public TimersViewModel(Tasks tasks, ConsoleClient client, int shown) {
        this.tasks = tasks;
        this.client = client;
        this.shown = shown;
    }

    public void refresh() {
        tasks.run(() -> new Loaded(client.expirations(shown), client.stats().pendingTimers()), loaded -> {
            timers.setAll(loaded.soonest());
            caption.set(caption(loaded.soonest().size(), loaded.pending()));
        }, failure -> error.set(failure.getMessage()));
    }

    /** What the list holds of the pending timers ({@link Tables#listed}). */
    String caption(int listed, long pending) {
        return Tables.listed(listed, shown, pending, "soonest", "pending timer", "pending timers");
    }

    /** Whether a timer's time has come and it has not fired yet (the expiration service is behind). */
    public static boolean overdue(Timer timer, Instant now) {
        return !timer.expiresAt().isAfter(now);
    }

    public ObservableList<Timer> timers() {
        return timers;
    }

    public ReadOnlyStringProperty captionProperty() {
        return caption.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty errorProperty() {
        return error.getReadOnlyProperty();
    }
}
