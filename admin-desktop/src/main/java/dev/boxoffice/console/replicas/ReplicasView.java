package dev.boxoffice.console.replicas;

import static dev.boxoffice.console.app.Tables.column;

import dev.boxoffice.console.client.Rows.Replica;
import dev.boxoffice.console.replicas.ReplicasViewModel.Line;
import dev.boxoffice.console.replicas.ReplicasViewModel.NodeLine;
import dev.boxoffice.console.replicas.ReplicasViewModel.Row;
import java.util.function.Function;
import java.util.function.ToLongFunction;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.collections.ListChangeListener;
import dev.boxoffice.console.replicas.ReplicasViewModel.Versions;
import javafx.geometry.Insets;
import javafx.scene.control.Label;
import javafx.scene.control.TreeItem;
import javafx.scene.control.TreeTableColumn;
import javafx.scene.control.TreeTableRow;
import javafx.scene.control.TreeTableView;
import javafx.scene.control.TableView;
import javafx.scene.layout.VBox;

/**
 * The replicas, live, grouped by node: each node's status and duties, its instances' counters (their sums on the
 * node's line) with fresh refusals highlighted, and the versions per ticket.
 */
public class ReplicasView extends VBox {

    /** A column of the replicas tree, of a fixed preferred width. */
    private static TreeTableColumn<Line, String> treeColumn(String name, double width, Function<Line, String> value) {
        TreeTableColumn<Line, String> column = new TreeTableColumn<>(name);
        column.setPrefWidth(width);
        column.setCellValueFactory(cell -> new ReadOnlyObjectWrapper<>(cell.getValue().getValue() == null ? ""
                : value.apply(cell.getValue().getValue())));
        return column;
    }

    /** An instance's counter; on a node's line, the sum over its instances. */
    private static String count(Line line, ToLongFunction<Replica> counter) {
        if (line instanceof Row r) {
            return String.valueOf(counter.applyAsLong(r.replica()));
        }
        return String.valueOf(((NodeLine) line).instances().stream().mapToLong(r -> counter.applyAsLong(r.replica()))
                .sum());
    }

    public ReplicasView(ReplicasViewModel model) {
        setPadding(new Insets(8));
        setSpacing(8);
        TreeTableView<Line> replicas = new TreeTableView<>(new TreeItem<>());
        replicas.setId("replicasTree");
        replicas.setShowRoot(false);
        replicas.getColumns().add(treeColumn("Node / instance", 190, l -> l instanceof NodeLine n
                ? n.nodeId() + " — " + n.status() : ((Row) l).replica().id()));
        replicas.getColumns().add(treeColumn("Group", 80, l -> l instanceof Row r ? r.replica().group() : ""));
        replicas.getColumns().add(treeColumn("Delivered", 90, l -> count(l, Replica::delivered)));
        replicas.getColumns().add(treeColumn("Applied", 75, l -> count(l, Replica::applied)));
        replicas.getColumns().add(treeColumn("Duplicates", 95, l -> count(l, Replica::duplicates)));
        replicas.getColumns().add(treeColumn("Out of order", 105, l -> count(l, Replica::outOfOrderRefused)));
        replicas.getColumns().add(treeColumn("Redelivered", 100, l -> count(l, Replica::redelivered)));
        replicas.getColumns().add(treeColumn("Refused now", 105, l -> l instanceof Row r && r.newlyRefused() > 0
                ? "+" + r.newlyRefused() : ""));
        replicas.getColumns().add(treeColumn("Duties", 180, l -> l instanceof NodeLine n
                ? String.join(", ", n.duties()) : ""));
        replicas.setColumnResizePolicy(TreeTableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        javafx.css.PseudoClass refused = javafx.css.PseudoClass.getPseudoClass("refused");
        javafx.css.PseudoClass nodeLine = javafx.css.PseudoClass.getPseudoClass("node");
        javafx.css.PseudoClass gone = javafx.css.PseudoClass.getPseudoClass("gone");
        replicas.setRowFactory(t -> new TreeTableRow<>() {
            @Override
            protected void updateItem(Line line, boolean empty) {
                super.updateItem(line, empty);
                pseudoClassStateChanged(refused, !empty && line instanceof Row r && r.newlyRefused() > 0);
                pseudoClassStateChanged(nodeLine, !empty && line instanceof NodeLine);
                pseudoClassStateChanged(gone, !empty && line instanceof NodeLine n && !n.live());
            }
        });
        model.nodes().addListener((ListChangeListener<NodeLine>) change -> {
            replicas.getRoot().getChildren().setAll(model.nodes().stream().map(n -> {
                TreeItem<Line> node = new TreeItem<>(n);
                node.setExpanded(true);
                n.instances().forEach(r -> node.getChildren().add(new TreeItem<>(r)));
                return node;
            }).toList());
        });
        Label error = new Label();
        dev.boxoffice.console.app.Styles.error(error);
        error.textProperty().bind(model.errorProperty());

        TableView<Versions> versions = new TableView<>(model.versions());
        versions.setId("versionsTable");
        versions.getColumns().add(column("Ticket", 260, Versions::title));
        versions.getColumns().add(column("Owner's version", 140, v -> String.valueOf(v.ownerVersion())));
        versions.getColumns().add(column("Replica's version", 145,
                v -> v.replicaVersion() < 0 ? "not yet" : String.valueOf(v.replicaVersion())));
        versions.getColumns().add(column("State", 110, v -> v.inStep() ? "in step" : "catching up"));
        versions.getColumns().add(column("Ticket id", Versions::ticketId));
        versions.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        getChildren().addAll(new Label("Consumer instances by node (rows turn red while they refuse out-of-order "
                        + "events; a node that stopped reporting is shown in amber)"),
                replicas, error, new Label("Ticket versions: owner (tickets service) and replica (orders service)"),
                versions);
    }
}
