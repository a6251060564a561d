package dev.boxoffice.engine.replication;

/**
 * What one consumer instance has done since the engine started.
 *
 * @param id                the instance, e.g. {@code orders@node-1#2}: its group, its node, and its number there
 * @param group             its consumer group, i.e. its service, e.g. {@code orders}
 * @param node              the node (engine) it runs in, e.g. {@code node-1}
 * @param delivered         deliveries received
 * @param applied           events that changed the replica or the service
 * @param duplicates        events dropped because they were already applied (same event id, or an old version)
 * @param outOfOrderRefused events refused because a version before them was missing
 * @param redelivered       deliveries that were not the event's first
 * @param deadLettered      events given up on and set aside for an operator
 * @param gapRepairs        snapshots requested from the owner because a version never arrived
 */
public record ReplicaCounters(String id, String group, String node, long delivered, long applied, long duplicates,
                              long outOfOrderRefused, long redelivered, long deadLettered, long gapRepairs) {
}
