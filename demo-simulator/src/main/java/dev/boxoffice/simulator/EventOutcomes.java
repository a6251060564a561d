package dev.boxoffice.simulator;

import dev.boxoffice.engine.replication.DeliveryFate;
import dev.boxoffice.engine.replication.DeliveryRecord;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * How every ticket event of a run reached the order replica, per replica instance: each event ends one way —
 * applied on its first delivery, applied after being refused and redelivered, or covered by a snapshot (a gap
 * repair brought the replica past its version, so it was dropped when it came); the extra deliveries the
 * transport duplicated are counted apart, as are the snapshots themselves.
 *
 * @param perReplica the events settled by each instance, by instance id
 */
public record EventOutcomes(Map<String, Row> perReplica) {

    /** One instance's share: events by how they ended, then deliveries and snapshots beside them. */
    public record Row(long appliedInOrder, long appliedAfterRedelivery, long coveredBySnapshot,
                      long duplicateDeliveriesDropped, long snapshotsApplied, long setAside) {

        Row plus(Row o) {
            return new Row(appliedInOrder + o.appliedInOrder, appliedAfterRedelivery + o.appliedAfterRedelivery,
                    coveredBySnapshot + o.coveredBySnapshot, duplicateDeliveriesDropped + o.duplicateDeliveriesDropped,
                    snapshotsApplied + o.snapshotsApplied, setAside + o.setAside);
        }

        /** Events of the run that ended one of the three ways. */
        public long events() {
            return appliedInOrder + appliedAfterRedelivery + coveredBySnapshot;
        }
    }

    private static final Row NONE = new Row(0, 0, 0, 0, 0, 0);

    /** All instances together. */
    public Row total() {
        return perReplica.values().stream().reduce(NONE, Row::plus);
    }

    /** Tallies the order group's deliveries of ticket events (by event id). */
    static EventOutcomes of(Collection<DeliveryRecord> deliveries) {
        Map<String, List<DeliveryRecord>> byEvent = new LinkedHashMap<>();
        for (DeliveryRecord d : deliveries) {
            if (d.group().equals("orders") && d.event().subject().startsWith("ticket:")) {
                byEvent.computeIfAbsent(d.event().eventId(), id -> new ArrayList<>()).add(d);
            }
        }
        Map<String, Row> rows = new TreeMap<>();
        for (List<DeliveryRecord> event : byEvent.values()) {
            boolean snapshot = event.get(0).event().subject().equals("ticket:snapshot");
            DeliveryRecord applied = event.stream().filter(d -> d.fate() == DeliveryFate.APPLIED).findFirst()
                    .orElse(null);
            for (DeliveryRecord d : event) {
                Row row;
                if (d == applied) {
                    row = snapshot ? new Row(0, 0, 0, 0, 1, 0)
                            : d.redelivered() ? new Row(0, 1, 0, 0, 0, 0) : new Row(1, 0, 0, 0, 0, 0);
                } else if (d.fate() == DeliveryFate.DEAD_LETTERED) {
                    row = new Row(0, 0, 0, 0, 0, 1);
                } else if (d.fate() == DeliveryFate.DUPLICATE) {
                    // dropped: an extra copy of an event that was applied, or an event a snapshot had covered
                    boolean first = applied == null && event.stream().filter(e -> e.fate() == DeliveryFate.DUPLICATE)
                            .findFirst().orElse(null) == d;
                    row = first && !snapshot ? new Row(0, 0, 1, 0, 0, 0) : new Row(0, 0, 0, 1, 0, 0);
                } else {
                    continue; // a refusal: the event comes again, and is counted where it ends
                }
                rows.merge(d.replicaId(), row, Row::plus);
            }
        }
        return new EventOutcomes(rows);
    }
}
