package dev.boxoffice.console.replicas;

import static dev.boxoffice.console.app.Tables.column;

import dev.boxoffice.console.replicas.ReplicasViewModel.Row;
import dev.boxoffice.console.replicas.ReplicasViewModel.Versions;
import javafx.geometry.Insets;
import javafx.scene.control.Label;
import javafx.scene.control.TableRow;
import javafx.scene.control.TableView;
import javafx.scene.layout.VBox;

/** The replicas, live: counters per instance with fresh refusals highlighted, and versions per ticket. */
public class ReplicasView extends VBox {

    public ReplicasView(ReplicasViewModel model) {
        setPadding(new Insets(8));
        setSpacing(8);
        TableView<Row> replicas = new TableView<>(model.rows());
        replicas.setId("replicasTable");
        replicas.getColumns().add(column("Instance", (Row r) -> r.replica().id()));
        replicas.getColumns().add(column("Group", r -> r.replica().group()));
        replicas.getColumns().add(column("Delivered", r -> String.valueOf(r.replica().delivered())));
        replicas.getColumns().add(column("Applied", r -> String.valueOf(r.replica().applied())));
        replicas.getColumns().add(column("Duplicates", r -> String.valueOf(r.replica().duplicates())));
        replicas.getColumns().add(column("Out-of-order refused", r -> String.valueOf(r.replica().outOfOrderRefused())));
        replicas.getColumns().add(column("Redelivered", r -> String.valueOf(r.replica().redelivered())));
        replicas.getColumns().add(column("Refused just now", r -> r.newlyRefused() == 0 ? "" : "+" + r.newlyRefused()));
        replicas.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        replicas.setRowFactory(t -> new TableRow<>() {
            @Override
            protected void updateItem(Row row, boolean empty) {
                super.updateItem(row, empty);
                setStyle(!empty && row != null && row.newlyRefused() > 0 ? "-fx-background-color: #fde2e2;" : "");
            }
        });
        Label error = new Label();
        error.setStyle("-fx-text-fill: #b00020;");
        error.textProperty().bind(model.errorProperty());

        TableView<Versions> versions = new TableView<>(model.versions());
        versions.setId("versionsTable");
        versions.getColumns().add(column("Ticket", Versions::ticketId));
        versions.getColumns().add(column("Owner's version", v -> String.valueOf(v.ownerVersion())));
        versions.getColumns().add(column("Replica's version",
                v -> v.replicaVersion() < 0 ? "not yet" : String.valueOf(v.replicaVersion())));
        versions.getColumns().add(column("", v -> v.inStep() ? "in step" : "catching up"));
        versions.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        getChildren().addAll(new Label("Consumer instances (rows turn red while they refuse out-of-order events)"),
                replicas, error, new Label("Ticket versions: owner (tickets service) and replica (orders service)"),
                versions);
    }
}
