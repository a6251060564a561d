package dev.boxoffice.engine.internal.messaging;

import dev.boxoffice.engine.bus.Delivery;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Where a consumer group keeps deliveries refused as out of order until the version before them is applied.
 *
 * <p>A refused delivery stays leased and parked under its entity; when any instance of the group in this process
 * applies a version of that entity, the deliveries waiting for it are handed to that instance, which handles them
 * again at once: no round trip through the transport, and no wait for another instance to fetch them. If the
 * version never comes, a timer hands them back to the transport after their usual backoff, so counting, gap repair
 * and dead-lettering work as before. A bounded memory of the last applied version per entity closes the race with
 * an apply that happens just before the parking.
 */
final class ParkingLot implements AutoCloseable {

    private static final int REMEMBERED_ENTITIES = 10_000;

    private record Parked(Delivery delivery, long waitsFor) {
    }

    private final Map<String, List<Parked>> parked = new java.util.HashMap<>();
    private final Map<String, Long> lastApplied = new LinkedHashMap<>(256, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Long> eldest) {
            return size() > REMEMBERED_ENTITIES;
        }
    };
    private final ScheduledExecutorService timers;

    ParkingLot(String group) {
        this.timers = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "boxoffice-" + group + "-parking");
            thread.setDaemon(true);
            return thread;
        });
    }

    /**
     * Parks a delivery that needs version {@code waitsFor} of {@code entity} applied first; after {@code fallback}
     * it is handed back to the transport in any case. Returns false, parking nothing, if that version was applied
     * already: the caller handles the delivery again itself.
     */
    synchronized boolean park(String entity, long waitsFor, Delivery delivery, Duration fallback) {
        if (lastApplied.getOrDefault(entity, -1L) >= waitsFor) {
            return false;
        }
        parked.computeIfAbsent(entity, k -> new ArrayList<>()).add(new Parked(delivery, waitsFor));
        timers.schedule(() -> release(entity, delivery), fallback.toNanos(), TimeUnit.NANOSECONDS);
        return true;
    }

    /**
     * Records that {@code version} of {@code entity} was applied and returns the parked deliveries it unblocks,
     * for the caller to handle again.
     */
    synchronized List<Delivery> applied(String entity, long version) {
        List<Delivery> ready = new ArrayList<>();
        lastApplied.merge(entity, version, Math::max);
        List<Parked> waiting = parked.get(entity);
        if (waiting == null) {
            return ready;
        }
        waiting.removeIf(p -> {
            if (p.waitsFor() <= version) {
                ready.add(p.delivery());
                return true;
            }
            return false;
        });
        if (waiting.isEmpty()) {
            parked.remove(entity);
        }
        return ready;
    }

    private void release(String entity, Delivery delivery) {
        boolean found;
        synchronized (this) {
            List<Parked> waiting = parked.get(entity);
            found = waiting != null && waiting.removeIf(p -> p.delivery() == delivery);
            if (waiting != null && waiting.isEmpty()) {
                parked.remove(entity);
            }
        }
        if (found) {
            delivery.nak(Duration.ZERO);
        }
    }

    @Override
    public void close() {
        timers.shutdownNow();
    }
}
