package dev.boxoffice.console.events;

import dev.boxoffice.console.app.Tasks;
import dev.boxoffice.console.client.ConsoleClient;
import dev.boxoffice.console.client.Rows.Event;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Locale;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import javafx.collections.transformation.FilteredList;
import reactor.core.Disposable;

/**
 * The live tail of the server's event stream: newest first, pause and resume, filters by subject and aggregate
 * id, a selected event for its payload; reconnects by itself (every 2 s) when the stream ends.
 */
public class EventsViewModel {

    /** How many events the tail keeps. */
    public static final int CAPACITY = 1_000;
    private static final Duration RECONNECT = Duration.ofSeconds(2);

    private final Tasks tasks;
    private final ConsoleClient client;
    private final ScheduledExecutorService scheduler;
    private final LongSupplier nanoTime;
    private final ObservableList<Event> events = FXCollections.observableArrayList();
    private final FilteredList<Event> visible = new FilteredList<>(events, e -> true);
    private final StringProperty subjectFilter = new SimpleStringProperty("");
    private final StringProperty aggregateFilter = new SimpleStringProperty("");
    private final BooleanProperty paused = new SimpleBooleanProperty(false);
    private final ObjectProperty<Event> selected = new SimpleObjectProperty<>();
    private final ReadOnlyStringWrapper status = new ReadOnlyStringWrapper("not connected");
    private final Deque<Long> arrivals = new ArrayDeque<>();
    private volatile Disposable stream;
    private volatile boolean stopped;

    public EventsViewModel(Tasks tasks, ConsoleClient client, ScheduledExecutorService scheduler,
                           LongSupplier nanoTime) {
        this.tasks = tasks;
        this.client = client;
        this.scheduler = scheduler;
        this.nanoTime = nanoTime;
        subjectFilter.addListener((o, a, b) -> refilter());
        aggregateFilter.addListener((o, a, b) -> refilter());
    }

    /** Starts following the stream. */
    /** Starts following the stream; safe to call from any thread (reconnects come from the scheduler). */
    public void start() {
        stopped = false;
        tasks.ui(() -> status.set("connecting to " + client.url()));
        stream = client.follow(event -> tasks.ui(() -> arrived(event)), end -> tasks.ui(this::ended));
        tasks.ui(() -> status.set("live"));
    }

    private void arrived(Event event) {
        arrivals.addLast(nanoTime.getAsLong());
        if (paused.get()) {
            return;
        }
        events.add(0, event);
        if (events.size() > CAPACITY) {
            events.remove(CAPACITY, events.size());
        }
    }

    private void ended() {
        if (stopped) {
            return;
        }
        status.set("disconnected; reconnecting every " + RECONNECT.toSeconds() + " s");
        scheduler.schedule(() -> {
            if (!stopped) {
                start();
            }
        }, RECONNECT.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** Events that arrived in the last second (counted while paused too). */
    public int eventsPerSecond() {
        long now = nanoTime.getAsLong();
        while (!arrivals.isEmpty() && now - arrivals.peekFirst() > 1_000_000_000L) {
            arrivals.removeFirst();
        }
        return arrivals.size();
    }

    public void stop() {
        stopped = true;
        Disposable current = stream;
        if (current != null) {
            current.dispose();
        }
        status.set("stopped");
    }

    private void refilter() {
        String subject = subjectFilter.get() == null ? "" : subjectFilter.get().strip().toLowerCase(Locale.ROOT);
        String aggregate = aggregateFilter.get() == null ? "" : aggregateFilter.get().strip();
        visible.setPredicate(e -> (subject.isEmpty() || e.subject().toLowerCase(Locale.ROOT).contains(subject))
                && (aggregate.isEmpty() || e.aggregateId().startsWith(aggregate)));
    }

    public ObservableList<Event> visibleEvents() {
        return visible;
    }

    public ObservableList<Event> allEvents() {
        return events;
    }

    public StringProperty subjectFilterProperty() {
        return subjectFilter;
    }

    public StringProperty aggregateFilterProperty() {
        return aggregateFilter;
    }

    public BooleanProperty pausedProperty() {
        return paused;
    }

    public ObjectProperty<Event> selectedProperty() {
        return selected;
    }

    public ReadOnlyStringProperty statusProperty() {
        return status.getReadOnlyProperty();
    }
}
