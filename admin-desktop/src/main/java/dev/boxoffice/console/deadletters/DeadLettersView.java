package dev.boxoffice.console.deadletters;

import static dev.boxoffice.console.app.Tables.column;

import dev.boxoffice.console.client.Rows.DeadLetter;
import javafx.geometry.Insets;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.TableView;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;

/** Events the consumers gave up on, with why; retry one or all. */
public class DeadLettersView extends BorderPane {

    public DeadLettersView(DeadLettersViewModel model) {
        setPadding(new Insets(8));
        TableView<DeadLetter> table = new TableView<>(model.letters());
        table.setId("deadLettersTable");
        table.setPlaceholder(new Label("No dead letters: every event was handled."));
        table.getColumns().add(column("Group", 90, DeadLetter::group));
        table.getColumns().add(column("Subject", 130, DeadLetter::subject));
        table.getColumns().add(column("Aggregate", 300, DeadLetter::aggregateId));
        table.getColumns().add(column("Version", 70, (DeadLetter d) -> String.valueOf(d.version())));
        table.getColumns().add(column("Deliveries", 95, (DeadLetter d) -> String.valueOf(d.deliveries())));
        table.getColumns().add(column("Reason", DeadLetter::reason));
        table.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        dev.boxoffice.console.app.Tables.idsOnHover(table, (DeadLetter d) -> "event " + d.eventId() + "\naggregate "
                + d.aggregateId());
        Button retry = new Button("Retry");
        retry.setId("retryDeadLetter");
        retry.disableProperty().bind(table.getSelectionModel().selectedItemProperty().isNull());
        retry.setOnAction(e -> model.retry(table.getSelectionModel().getSelectedItem()));
        Button retryAll = new Button("Retry all");
        retryAll.setId("retryAll");
        retryAll.setOnAction(e -> model.retryAll());
        retryAll.disableProperty().bind(javafx.beans.binding.Bindings.isEmpty(model.letters()));
        Label message = new Label();
        message.setId("deadLettersMessage");
        message.textProperty().bind(model.messageProperty());
        setTop(new HBox(8, retry, retryAll, message));
        setCenter(table);
        BorderPane.setMargin(table, new Insets(8, 0, 0, 0));
        setBottom(dev.boxoffice.console.app.Tables.caption("deadLettersCaption", model.captionProperty()));
    }
}
