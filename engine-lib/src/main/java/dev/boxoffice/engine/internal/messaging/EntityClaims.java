package dev.boxoffice.engine.internal.messaging;

import dev.boxoffice.engine.bus.Delivery;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Entity affinity among one consumer group's instances in this process, whatever the transport: an instance that
 * takes a batch claims the entities in it (say, {@code ticket:42}); a delivery of an entity that another instance
 * holds is handed to that instance, which handles it after its current batch. An instance lets go of its claims
 * once it has nothing left to handle. So within a process one entity's events are handled by one instance at a
 * time, in the order they came, and competing instances seldom refuse each other's events as out of order.
 * Across processes (several nodes on one broker) the instances still race, and the version check and parking put
 * their events in order.
 *
 * <p>Handing over is safe because an instance holds claims only while it is in its handling loop, which asks
 * {@link #next} for more before it fetches again, and {@link #next} lets go of the claims only when it returns
 * nothing: under this object's lock, so no delivery is handed to an instance that has stopped looking.
 *
 * @param <I> the instance type
 */
final class EntityClaims<I> {

    private final boolean enabled;
    private final Map<String, I> holders = new HashMap<>();
    private final Map<I, Set<String>> held = new HashMap<>();
    private final Map<I, List<Delivery>> handedOver = new HashMap<>();

    /** @param enabled false: every instance handles what it fetched (the instances race) */
    EntityClaims(boolean enabled) {
        this.enabled = enabled;
    }

    /**
     * Claims the entities of a fetched batch for {@code instance} and returns the deliveries it is to handle;
     * those of entities another instance holds go to that instance.
     */
    List<Delivery> claim(I instance, List<Delivery> fetched) {
        if (!enabled || fetched.isEmpty()) {
            return fetched;
        }
        List<Delivery> mine = new ArrayList<>(fetched.size());
        synchronized (this) {
            for (Delivery delivery : fetched) {
                String entity = Envelopes.entityOf(delivery.event());
                I holder = holders.putIfAbsent(entity, instance);
                if (holder == null || holder == instance) {
                    held.computeIfAbsent(instance, k -> new HashSet<>()).add(entity);
                    mine.add(delivery);
                } else {
                    handedOver.computeIfAbsent(holder, k -> new ArrayList<>()).add(delivery);
                }
            }
        }
        return mine;
    }

    /**
     * Lets go of every claim of {@code instance} and forgets what was handed to it, unsettled (the transport
     * delivers it again after its ack wait): for an instance that failed midway. Returns how many it forgot.
     */
    int abandon(I instance) {
        if (!enabled) {
            return 0;
        }
        synchronized (this) {
            Set<String> entities = held.remove(instance);
            if (entities != null) {
                entities.forEach(holders::remove);
            }
            List<Delivery> handed = handedOver.remove(instance);
            return handed == null ? 0 : handed.size();
        }
    }

    /**
     * What {@code instance} handles next: {@code again} (what its last batch unblocked) and what was handed to it
     * meanwhile. When that is nothing, it lets go of every claim it held.
     */
    List<Delivery> next(I instance, List<Delivery> again) {
        if (!enabled) {
            return again;
        }
        synchronized (this) {
            List<Delivery> handed = handedOver.remove(instance);
            if (handed == null && again.isEmpty()) {
                Set<String> entities = held.remove(instance);
                if (entities != null) {
                    entities.forEach(holders::remove);
                }
                return List.of();
            }
            if (handed == null) {
                return again;
            }
            if (again.isEmpty()) {
                return handed;
            }
            List<Delivery> next = new ArrayList<>(again);
            next.addAll(handed);
            return next;
        }
    }
}
