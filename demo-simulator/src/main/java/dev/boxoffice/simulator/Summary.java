package dev.boxoffice.simulator;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.boxoffice.simulator.SimulationResult.ReplicaRow;
import java.io.PrintWriter;
import java.util.Locale;
import java.util.TreeMap;
import java.util.Map;
import java.util.List;
import java.util.ArrayList;

/** The end of a run for people (a table and a verdict) and for programs (one JSON object). */
final class Summary {

    private static final ObjectMapper JSON = new ObjectMapper();

    private Summary() {
    }

    static void print(SimulationResult r, PrintWriter out) {
        out.printf("%nMode %s, %d order replicas, %d tickets, %d updates, seed %d; %s%n%n",
                r.mode().name().toLowerCase(Locale.ROOT), r.replicaCount(), r.tickets(), r.updates(), r.seed(),
                r.conditions());
        out.printf("%-18s %10s %9s %11s %13s %12s%n", "replica", "delivered", "applied", "duplicates",
                "out-of-order", "redelivered");
        out.printf("%-18s %10s %9s %11s %13s %12s%n", "", "", "", "dropped", "refused", "");
        for (ReplicaRow row : r.replicas()) {
            replicaRow(out, row.id(), List.of(row));
        }
        Map<String, List<ReplicaRow>> byNode = new TreeMap<>();
        r.replicas().forEach(row -> byNode.computeIfAbsent(node(row.id()), n -> new ArrayList<>()).add(row));
        if (byNode.size() > 1) {
            byNode.forEach((node, rows) -> replicaRow(out, node + " (node)", rows));
        }
        out.printf("%-18s %10d %9d %11d %13d %12d%n%n", "total", r.delivered(), r.applied(), r.duplicatesDropped(),
                r.outOfOrderRefused(), r.redelivered());
        if (r.outcomes() != null) {
            printOutcomes(r, out);
        }
        out.println(verdict(r));
        if (r.outcomes() != null) {
            out.println("The seed fixes the edits and the transport's faults; the replicas' threads race as they will, "
                    + "so the counts above vary from run to run with the same seed. The verdict does not.");
        }
        out.flush();
    }

    /** A line of the replicas table: one instance's counters, or the sums of a node's. */
    private static void replicaRow(PrintWriter out, String name, List<ReplicaRow> rows) {
        out.printf("%-18s %10d %9d %11d %13d %12d%n", name, rows.stream().mapToLong(ReplicaRow::delivered).sum(),
                rows.stream().mapToLong(ReplicaRow::applied).sum(),
                rows.stream().mapToLong(ReplicaRow::duplicatesDropped).sum(),
                rows.stream().mapToLong(ReplicaRow::outOfOrderRefused).sum(),
                rows.stream().mapToLong(ReplicaRow::redelivered).sum());
    }

    /** The node of an instance id such as {@code orders@node-2#1}. */
    private static String node(String instanceId) {
        int at = instanceId.indexOf('@');
        int hash = instanceId.lastIndexOf('#');
        return at >= 0 && hash > at ? instanceId.substring(at + 1, hash) : "";
    }

    /** How every ticket event reached the replica: the counters above count deliveries, this counts events. */
    private static void printOutcomes(SimulationResult r, PrintWriter out) {
        EventOutcomes.Row total = r.outcomes().total();
        out.printf("How each of the %d ticket events (%d tickets created, %d edits) reached the replica:%n",
                total.events(), r.tickets(), r.updates());
        out.printf("%-18s %9s %14s %12s %15s %10s%n", "replica", "applied", "applied after", "covered by",
                "duplicate", "snapshots");
        out.printf("%-18s %9s %14s %12s %15s %10s%n", "", "in order", "redelivery", "a snapshot",
                "copies dropped", "applied");
        r.outcomes().perReplica().forEach((id, row) -> outcomeRow(out, id, row));
        outcomeRow(out, "total", total);
        out.println();
    }

    private static void outcomeRow(PrintWriter out, String id, EventOutcomes.Row row) {
        out.printf("%-18s %9d %14d %12d %15d %10d%n", id, row.appliedInOrder(), row.appliedAfterRedelivery(),
                row.coveredBySnapshot(), row.duplicateDeliveriesDropped(), row.snapshotsApplied());
    }

    static String verdict(SimulationResult r) {
        if (r.converged()) {
            String how = r.mode() == Mode.VERSIONED
                    ? r.outOfOrderRefused() + " out-of-order deliveries were refused and redelivered in order."
                    : "The naive replicas happened to converge this time; try more updates or another seed.";
            return "CONVERGED: every ticket's replica equals the tickets service. " + how;
        }
        SimulationResult.Divergence d = r.example();
        String verdict = "DIVERGED: " + r.divergedTickets() + " of " + r.tickets() + " tickets are wrong in the order "
                + "replica. For example ticket " + d.ticketId() + ": the tickets service says " + d.expectedPrice()
                + " (version " + d.expectedVersion() + "), the replica says " + d.replicaPrice() + " (version "
                + d.replicaVersion() + ").";
        return r.mode() == Mode.NAIVE
                ? verdict + "\nThis is the expected demo, not an error: without versions a late event overwrites "
                + "newer data."
                : verdict;
    }

    static String json(SimulationResult r) {
        ObjectNode root = JSON.createObjectNode();
        root.put("mode", r.mode().name().toLowerCase(Locale.ROOT));
        root.put("replicas", r.replicaCount());
        root.put("tickets", r.tickets());
        root.put("updates", r.updates());
        root.put("seed", r.seed());
        root.put("conditions", r.conditions());
        root.put("converged", r.converged());
        root.put("divergedTickets", r.divergedTickets());
        root.put("delivered", r.delivered());
        root.put("applied", r.applied());
        root.put("duplicatesDropped", r.duplicatesDropped());
        root.put("outOfOrderRefused", r.outOfOrderRefused());
        root.put("redelivered", r.redelivered());
        if (r.example() != null) {
            root.set("example", JSON.valueToTree(r.example()));
        }
        ArrayNode rows = root.putArray("perReplica");
        r.replicas().forEach(row -> rows.add(JSON.valueToTree(row)));
        if (r.outcomes() != null) {
            ObjectNode outcomes = root.putObject("eventOutcomes");
            outcomes.set("total", JSON.valueToTree(r.outcomes().total()));
            outcomes.set("perReplica", JSON.valueToTree(r.outcomes().perReplica()));
        }
        return root.toString();
    }
}
