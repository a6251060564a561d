package dev.boxoffice.engine.cluster;

import dev.boxoffice.engine.replication.ReplicaCounters;
import java.time.Instant;
import java.util.List;

/**
 * One node (engine) sharing the stores, as every node sees it. Times are the database's.
 *
 * @param nodeId    the node's id, e.g. {@code node-2}
 * @param startedAt when the node's current run started
 * @param lastSeen  when it last reported (every second or so while it runs)
 * @param stoppedAt when it closed, or null while it runs (or died without closing)
 * @param live      reported recently enough to be taken for running; false once it stopped, or when it stopped
 *                  reporting (a crash, a hang, a lost database connection)
 * @param duties    the duties it holds a lease on, e.g. {@code relay:orders}, {@code expiration-timers}
 * @param replicas  its consumer instances' counters, as last reported (this node's: as they are now)
 */
public record NodeStatus(String nodeId, Instant startedAt, Instant lastSeen, Instant stoppedAt, boolean live,
                         List<String> duties, List<ReplicaCounters> replicas) {

    public NodeStatus {
        duties = List.copyOf(duties);
        replicas = List.copyOf(replicas);
    }
}
