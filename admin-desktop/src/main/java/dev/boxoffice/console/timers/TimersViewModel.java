package dev.boxoffice.console.timers;

import dev.boxoffice.console.app.Tasks;
import dev.boxoffice.console.client.ConsoleClient;
import dev.boxoffice.console.client.Rows.Timer;
import java.time.Instant;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/** Pending expiry timers; the view shows the time left and highlights overdue ones. */
public class TimersViewModel {

    private final Tasks tasks;
    private final ConsoleClient client;
    private final ObservableList<Timer> timers = FXCollections.observableArrayList();
    private final ReadOnlyStringWrapper error = new ReadOnlyStringWrapper("");

    public TimersViewModel(Tasks tasks, ConsoleClient client) {
        this.tasks = tasks;
        this.client = client;
    }

    public void refresh() {
        tasks.run(client::expirations, timers::setAll, failure -> error.set(failure.getMessage()));
    }

    /** Whether a timer's time has come and it has not fired yet (the expiration service is behind). */
    public static boolean overdue(Timer timer, Instant now) {
        return !timer.expiresAt().isAfter(now);
    }

    public ObservableList<Timer> timers() {
        return timers;
    }

    public ReadOnlyStringProperty errorProperty() {
        return error.getReadOnlyProperty();
    }
}
