package dev.boxoffice.engine.internal.messaging;

import dev.boxoffice.engine.internal.Arguments;
import dev.boxoffice.engine.event.EventEnvelope;
import dev.boxoffice.engine.event.EventLog;
import dev.boxoffice.engine.event.EventQuery;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The event log, read from the services' own outboxes (each keeps what it published), so it works the same
 * whatever the transport. The live feed is fed by the outbox relays once the transport has accepted events; on a
 * node that does not relay an outbox (another node holds that duty), by its relay following the outbox instead.
 */
public final class OutboxEventLog implements EventLog {

    private static final Logger LOG = LoggerFactory.getLogger(OutboxEventLog.class);

    private final List<ServiceDatabase> databases;
    private final List<Consumer<EventEnvelope>> listeners = new CopyOnWriteArrayList<>();
    /** Told when someone starts to listen: the relays that follow outboxes mark where the feed begins. */
    private final List<Runnable> listeningStarts = new CopyOnWriteArrayList<>();
    private volatile boolean closed;

    public OutboxEventLog(List<ServiceDatabase> databases) {
        this.databases = databases;
    }

    private record Positioned(EventEnvelope event, long position) {
    }

    @Override
    public List<EventEnvelope> list(EventQuery query) {
        Arguments.present("query", query);
        List<Positioned> all = new ArrayList<>();
        for (ServiceDatabase db : databases) {
            all.addAll(db.read(h -> h.createQuery("SELECT seq, " + Envelopes.COLUMNS + " FROM outbox "
                            + "WHERE (:subject IS NULL OR subject = :subject) "
                            + "AND (:aggregate IS NULL OR aggregate_id = :aggregate) "
                            + "ORDER BY seq LIMIT :limit")
                    .bind("subject", query.subject())
                    .bind("aggregate", query.aggregateId())
                    .bind("limit", query.limit())
                    .map((rs, ctx) -> new Positioned(Envelopes.read(rs), rs.getLong("seq")))
                    .list()));
        }
        return all.stream()
                .sorted(Comparator.comparingLong(Positioned::position))
                .limit(query.limit())
                .map(Positioned::event)
                .toList();
    }

    @Override
    public Registration subscribe(Consumer<EventEnvelope> listener) {
        Arguments.present("listener", listener);
        if (closed) {
            throw new IllegalStateException("The engine is closed: build a new one to follow its events");
        }
        listeningStarts.forEach(Runnable::run);
        listeners.add(listener);
        return () -> listeners.remove(listener);
    }

    /** Stops every live listener; later subscriptions are refused. */
    public void close() {
        closed = true;
        listeners.clear();
    }

    /** Runs {@code start} each time a listener subscribes, before it is added. */
    void onListeningStart(Runnable start) {
        listeningStarts.add(start);
    }

    /** Whether anyone follows the live feed. */
    boolean listening() {
        return !listeners.isEmpty();
    }

    /** Hands freshly published events to the live listeners. */
    void published(List<EventEnvelope> events) {
        for (Consumer<EventEnvelope> listener : listeners) {
            for (EventEnvelope event : events) {
                try {
                    listener.accept(event);
                } catch (RuntimeException e) {
                    LOG.warn("An event listener failed on {}: {}", event, e.toString());
                }
            }
        }
    }
}
