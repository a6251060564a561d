package dev.boxoffice.console.events;

import static dev.boxoffice.console.app.Tables.column;

import dev.boxoffice.console.client.Rows.Event;
import javafx.geometry.Insets;
import javafx.scene.control.Label;
import javafx.scene.control.SplitPane;
import javafx.scene.control.TableView;
import javafx.scene.control.TextArea;
import javafx.scene.control.TextField;
import javafx.scene.control.ToggleButton;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;

/** The live tail: filters, pause/resume, and the selected event's payload. */
public class EventsView extends BorderPane {

    public EventsView(EventsViewModel model) {
        setPadding(new Insets(8));
        TextField subject = new TextField();
        subject.setId("subjectFilter");
        subject.setPromptText("subject, e.g. ticket:updated");
        subject.setPrefColumnCount(20);
        subject.textProperty().bindBidirectional(model.subjectFilterProperty());
        TextField aggregate = new TextField();
        aggregate.setPromptText("aggregate id or name");
        aggregate.setPrefColumnCount(24);
        aggregate.textProperty().bindBidirectional(model.aggregateFilterProperty());
        ToggleButton pause = new ToggleButton("Pause");
        pause.setId("pauseEvents");
        pause.selectedProperty().bindBidirectional(model.pausedProperty());
        pause.textProperty().bind(javafx.beans.binding.Bindings.when(pause.selectedProperty())
                .then("Resume").otherwise("Pause"));
        Label status = new Label();
        status.setId("streamStatus");
        status.textProperty().bind(model.statusProperty());
        setTop(new HBox(8, subject, aggregate, pause, status));

        TableView<Event> table = new TableView<>(model.visibleEvents());
        table.setId("eventsTable");
        table.setPlaceholder(new Label("No events yet: each event shows here as it is published"));
        table.getColumns().add(column("Time", 150, (Event e) -> dev.boxoffice.console.app.Formats.time(e.occurredAt(),
                java.time.Instant.now(), java.time.ZoneId.systemDefault())));
        table.getColumns().add(column("Subject", 150, Event::subject));
        table.getColumns().add(column("Version", 70, (Event e) -> String.valueOf(e.version())));
        table.getColumns().add(column("About", model::about));
        dev.boxoffice.console.app.Tables.idsOnHover(table, (Event e) -> "aggregate " + e.aggregateId() + "\nevent "
                + e.id());
        table.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        table.getSelectionModel().selectedItemProperty().addListener((o, a, e) -> model.selectedProperty().set(e));
        TextArea payload = new TextArea();
        payload.setId("eventPayload");
        payload.setEditable(false);
        payload.setWrapText(true);
        payload.setPromptText("Select an event to see its payload and version");
        model.selectedProperty().addListener((o, a, e) -> payload.setText(e == null ? ""
                : e.subject() + " v" + e.version() + " of " + model.about(e) + "\naggregate " + e.aggregateId()
                        + "\nevent " + e.id() + "\n\n" + e.payload().toPrettyString()));
        SplitPane split = new SplitPane(table, payload);
        split.setDividerPositions(0.65);
        setCenter(split);
        BorderPane.setMargin(split, new Insets(8, 0, 0, 0));
    }
}
