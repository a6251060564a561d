package dev.boxoffice.console.replicas;

import dev.boxoffice.console.app.Tasks;
import dev.boxoffice.console.client.ConsoleClient;
import dev.boxoffice.console.client.Rows.Node;
import dev.boxoffice.console.client.Rows.Replica;
import dev.boxoffice.console.client.ConsoleException;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * The replicas, node by node: each server node sharing the stores (live, or how long ago it stopped reporting), and
 * under it each of its consumer instances with its counters and how many refusals it made since the last look (the
 * view highlights those). Also, for each ticket, the version its owner holds next to the replica's.
 */
public class ReplicasViewModel {

    /** A line of the replicas view: a node, or one of its instances. */
    public sealed interface Line permits NodeLine, Row {
    }

    /** One instance's counters, with its refusals since the previous refresh. */
    public record Row(Replica replica, long newlyRefused) implements Line {
    }

    /**
     * A node and its instances. {@code status}: {@code live}, {@code stopped} (it closed), or {@code stopped reporting
     * N s ago} (killed, hung, or cut off from the database), measured against the answering node's report time.
     */
    public record NodeLine(String nodeId, boolean live, String status, List<String> duties, List<Row> instances)
            implements Line {
    }

    /** A ticket's version at its owner and in the orders service's replica. */
    public record Versions(String ticketId, String title, long ownerVersion, long replicaVersion) {
        public boolean inStep() {
            return ownerVersion == replicaVersion;
        }
    }

    private final Tasks tasks;
    private final ConsoleClient client;
    private final ObservableList<Row> rows = FXCollections.observableArrayList();
    private final ObservableList<NodeLine> nodes = FXCollections.observableArrayList();
    private final ObservableList<Versions> versions = FXCollections.observableArrayList();
    private final ReadOnlyStringWrapper error = new ReadOnlyStringWrapper("");
    private final Map<String, Long> lastRefused = new HashMap<>();

    public ReplicasViewModel(Tasks tasks, ConsoleClient client) {
        this.tasks = tasks;
        this.client = client;
    }

    public void refresh() {
        tasks.run(() -> new Snapshot(client.nodes(), ticketVersions()), snapshot -> {
            Instant now = snapshot.nodes().isEmpty() ? Instant.EPOCH : snapshot.nodes().get(0).lastSeen();
            List<NodeLine> lines = snapshot.nodes().stream().map(n -> new NodeLine(n.nodeId(), n.live(),
                    status(n, now), n.duties(), n.replicas().stream().map(this::row).toList())).toList();
            nodes.setAll(lines);
            rows.setAll(lines.stream().flatMap(n -> n.instances().stream()).toList());
            versions.setAll(snapshot.versions());
            error.set("");
        }, failure -> error.set(failure.getMessage()));
    }

    private Row row(Replica r) {
        long before = lastRefused.getOrDefault(r.id(), r.outOfOrderRefused());
        lastRefused.put(r.id(), r.outOfOrderRefused());
        return new Row(r, r.outOfOrderRefused() - before);
    }

    private static String status(Node node, Instant now) {
        if (node.live()) {
            return "live";
        }
        if (node.stoppedAt() != null) {
            return "stopped";
        }
        long ago = Math.max(0, Duration.between(node.lastSeen(), now).toSeconds());
        return "stopped reporting " + ago + " s ago";
    }

    private record Snapshot(List<Node> nodes, List<Versions> versions) {
    }

    private List<Versions> ticketVersions() {
        return client.tickets().stream().map(t -> {
            long replicaVersion;
            try {
                replicaVersion = client.ticketReplica(t.id()).version();
            } catch (ConsoleException e) {
                if (e.status() != 404) {
                    throw e;
                }
                replicaVersion = -1; // not replicated yet
            }
            return new Versions(t.id(), t.title(), t.version(), replicaVersion);
        }).toList();
    }

    /** Every instance of every node, node by node. */
    public ObservableList<Row> rows() {
        return rows;
    }

    /** The nodes, the one the console talks to first, each with its instances. */
    public ObservableList<NodeLine> nodes() {
        return nodes;
    }

    public ObservableList<Versions> versions() {
        return versions;
    }

    public ReadOnlyStringProperty errorProperty() {
        return error.getReadOnlyProperty();
    }
}
