package dev.boxoffice.simulator;

import java.util.List;

/**
 * What a simulation did and how it ended.
 *
 * @param divergedTickets tickets whose replica differs from the tickets service
 * @param example         one diverged ticket, or null
 * @param replicas        counters per order replica
 * @param timeline        every delivery to an order replica, for the report (empty against a server)
 * @param outcomes        how every ticket event reached the replica; null against a server, whose deliveries are
 *                        seen only as counters
 * @param conditions      what the run was up against, in words (the transport's faults, or the server)
 */
public record SimulationResult(Mode mode, int replicaCount, int tickets, int updates, long seed, boolean converged,
                               int divergedTickets, Divergence example, List<ReplicaRow> replicas,
                               List<Mark> timeline, EventOutcomes outcomes, String conditions) {

    /** A ticket whose replica is wrong. */
    public record Divergence(String ticketId, String expectedPrice, long expectedVersion, String replicaPrice,
                             long replicaVersion) {
    }

    /** One order replica's counters. */
    public record ReplicaRow(String id, long delivered, long applied, long duplicatesDropped,
                             long outOfOrderRefused, long redelivered) {
    }

    /** One delivery on the timeline. */
    public record Mark(String replicaId, double atMillis, String fate, boolean redelivered, int ticket,
                       long version) {
    }

    public long delivered() {
        return replicas.stream().mapToLong(ReplicaRow::delivered).sum();
    }

    public long applied() {
        return replicas.stream().mapToLong(ReplicaRow::applied).sum();
    }

    public long duplicatesDropped() {
        return replicas.stream().mapToLong(ReplicaRow::duplicatesDropped).sum();
    }

    public long outOfOrderRefused() {
        return replicas.stream().mapToLong(ReplicaRow::outOfOrderRefused).sum();
    }

    public long redelivered() {
        return replicas.stream().mapToLong(ReplicaRow::redelivered).sum();
    }

    /** Whether the result is what the mode promises: versioned replicas converge; naive ones promise nothing. */
    public boolean asPromised() {
        return mode == Mode.NAIVE || converged;
    }
}
