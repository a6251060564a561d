package dev.boxoffice.console.replicas;

import dev.boxoffice.console.app.Tasks;
import dev.boxoffice.console.client.ConsoleClient;
import dev.boxoffice.console.client.Rows.Replica;
import dev.boxoffice.console.client.ConsoleException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * The replicas: each consumer instance with its counters, and how many refusals it made since the last look
 * (the view highlights those). Also, for one ticket, the version its owner holds next to the replica's.
 */
public class ReplicasViewModel {

    /** One instance's counters, with its refusals since the previous refresh. */
    public record Row(Replica replica, long newlyRefused) {
    }

    /** A ticket's version at its owner and in the orders service's replica. */
    public record Versions(String ticketId, long ownerVersion, long replicaVersion) {
        public boolean inStep() {
            return ownerVersion == replicaVersion;
        }
    }

    private final Tasks tasks;
    private final ConsoleClient client;
    private final ObservableList<Row> rows = FXCollections.observableArrayList();
    private final ObservableList<Versions> versions = FXCollections.observableArrayList();
    private final ReadOnlyStringWrapper error = new ReadOnlyStringWrapper("");
    private final Map<String, Long> lastRefused = new HashMap<>();

    public ReplicasViewModel(Tasks tasks, ConsoleClient client) {
        this.tasks = tasks;
        this.client = client;
    }

    public void refresh() {
        tasks.run(() -> new Snapshot(client.replicas(), ticketVersions()), snapshot -> {
            rows.setAll(snapshot.replicas().stream().map(r -> {
                long before = lastRefused.getOrDefault(r.id(), r.outOfOrderRefused());
                lastRefused.put(r.id(), r.outOfOrderRefused());
                return new Row(r, r.outOfOrderRefused() - before);
            }).toList());
            versions.setAll(snapshot.versions());
            error.set("");
        }, failure -> error.set(failure.getMessage()));
    }

    private record Snapshot(List<Replica> replicas, List<Versions> versions) {
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
            return new Versions(t.id(), t.version(), replicaVersion);
        }).toList();
    }

    public ObservableList<Row> rows() {
        return rows;
    }

    public ObservableList<Versions> versions() {
        return versions;
    }

    public ReadOnlyStringProperty errorProperty() {
        return error.getReadOnlyProperty();
    }
}
