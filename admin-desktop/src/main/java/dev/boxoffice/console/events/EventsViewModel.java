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
 * The live tail of the server's event stream: newest first, pause and resume, filters by subject and by aggregate
 * id or name, what each event is about by name, a selected event for its payload; reconnects by itself (every
 * 2 s) when the stream ends.
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
    /** Ticket titles by ticket id, and the ticket of each order, learned from events and the ticket list. */
    private final java.util.Map<String, String> titles = bounded();
    private final java.util.Map<String, String> orderTickets = bounded();
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

    /**
     * Starts following the stream; safe to call from any thread (reconnects come from the scheduler). The status
     * turns "live" only once the server's first frame arrives, not when the request goes out.
     */
    public void start() {
        stopped = false;
        tasks.ui(() -> {
            if (!status.get().startsWith("disconnected")) {
                status.set("connecting to " + client.url());
            }
        });
        stream = client.follow(() -> tasks.ui(() -> {
            if (!stopped) {
                status.set("live");
            }
        }), event -> tasks.ui(() -> arrived(event)), end -> tasks.ui(this::ended));
    }

    private void arrived(Event event) {
        arrivals.addLast(nanoTime.getAsLong());
        learn(event);
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
        String name = aggregate.toLowerCase(Locale.ROOT);
        visible.setPredicate(e -> (subject.isEmpty() || e.subject().toLowerCase(Locale.ROOT).contains(subject))
                && (aggregate.isEmpty() || e.aggregateId().startsWith(aggregate)
                        || about(e).toLowerCase(Locale.ROOT).contains(name)));
    }

    /** Remembers the ticket titles the console has listed, to name what later events are about. On the UI thread. */
    public void knowTickets(java.util.Collection<dev.boxoffice.console.client.Rows.Ticket> tickets) {
        tickets.forEach(t -> titles.put(t.id(), t.title()));
    }

    /** Remembers the ticket of each order the console has listed. On the UI thread. */
    public void knowOrders(java.util.Collection<dev.boxoffice.console.client.Rows.Order> orders) {
        orders.forEach(o -> {
            orderTickets.put(o.id(), o.ticket().id());
            titles.putIfAbsent(o.ticket().id(), o.ticket().title());
        });
    }

    private void learn(Event event) {
        com.fasterxml.jackson.databind.JsonNode payload = event.payload();
        if (event.subject().startsWith("ticket:") && payload.hasNonNull("title")) {
            titles.put(event.aggregateId(), payload.get("title").asText());
        } else if (event.subject().startsWith("order:") && payload.path("ticket").hasNonNull("id")) {
            orderTickets.put(event.aggregateId(), payload.get("ticket").get("id").asText());
        }
    }

    /**
     * What an event is about, by name: a ticket by its title, an order (and its timer and payment) by its ticket's
     * title; by a short id when the console has not seen the name.
     */
    public String about(Event event) {
        String subject = event.subject();
        if (subject.startsWith("ticket:")) {
            return ticket(event.aggregateId());
        }
        if (subject.startsWith("order:")) {
            return order(event.aggregateId());
        }
        String orderId = event.payload().path("orderId").asText(null);
        if (orderId != null) {
            return order(orderId);
        }
        return subject.substring(0, Math.max(0, subject.indexOf(':'))) + " " + shortId(event.aggregateId());
    }

    private String ticket(String id) {
        String title = titles.get(id);
        return title == null ? "ticket " + shortId(id) : "“" + title + "”";
    }

    private String order(String id) {
        String ticket = orderTickets.get(id);
        return ticket == null || !titles.containsKey(ticket) ? "order " + shortId(id)
                : "order for " + ticket(ticket);
    }

    private static String shortId(String id) {
        return id.length() > 8 ? id.substring(0, 8) + "…" : id;
    }

    /** A map that forgets its oldest entries past 20,000, so that a long session does not grow without end. */
    private static java.util.Map<String, String> bounded() {
        return new java.util.LinkedHashMap<>(256, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(java.util.Map.Entry<String, String> eldest) {
                return size() > 20_000;
            }
        };
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
