package dev.boxoffice.console.tickets;

import static dev.boxoffice.console.app.Tables.column;

import dev.boxoffice.console.app.Guarded;
import dev.boxoffice.console.client.Rows.Ticket;
import javafx.geometry.Insets;
import javafx.scene.control.Button;
import javafx.scene.control.ButtonBar;
import javafx.scene.control.ButtonType;
import javafx.scene.control.Dialog;
import javafx.scene.control.Label;
import javafx.scene.control.TableView;
import javafx.scene.control.TextField;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;

/** Tickets: a searchable table; create and edit in a dialog with errors next to their field. */
public class TicketsView extends BorderPane {

    private final TicketsViewModel model;
    private final TableView<Ticket> table = new TableView<>();

    /** @param onOrder orders the selected ticket for the operator */
    public TicketsView(TicketsViewModel model, java.util.function.Consumer<Ticket> onOrder) {
        this.model = model;
        setPadding(new Insets(8));
        TextField search = new TextField();
        search.setId("ticketSearch");
        search.setPromptText("search title or id");
        search.textProperty().bindBidirectional(model.searchProperty());
        Button create = new Button("New ticket…");
        create.setId("newTicket");
        create.setOnAction(e -> {
            model.startCreate();
            openEditor("New ticket");
        });
        Button edit = new Button("Edit…");
        edit.setId("editTicket");
        HBox editHolder = Guarded.actions(table.getSelectionModel().selectedItemProperty(), model::whyNotEditable,
                edit);
        editHolder.setId("editTicketHolder");
        edit.setOnAction(e -> {
            model.startEdit(table.getSelectionModel().getSelectedItem());
            openEditor("Edit ticket");
        });
        Button order = new Button("Order it");
        order.setId("orderTicket");
        order.disableProperty().bind(table.getSelectionModel().selectedItemProperty().isNull());
        order.setOnAction(e -> onOrder.accept(table.getSelectionModel().getSelectedItem()));
        Button refresh = new Button("Refresh");
        refresh.setOnAction(e -> model.refresh());
        Label error = new Label();
        dev.boxoffice.console.app.Styles.error(error);
        error.textProperty().bind(model.errorProperty());
        javafx.scene.control.ProgressIndicator busy = new javafx.scene.control.ProgressIndicator();
        busy.setPrefSize(18, 18);
        busy.visibleProperty().bind(model.busyProperty());
        setTop(new HBox(8, search, create, editHolder, order, refresh, busy, error));

        table.setId("ticketsTable");
        table.setItems(model.visibleTickets());
        table.getColumns().add(column("Title", 260, t -> t.title()));
        table.getColumns().add(column("Price", 80, t -> dev.boxoffice.console.app.Tables.money(t.price())));
        table.getColumns().add(column("Seller", 240, t -> t.userEmail() == null ? t.userId() : t.userEmail()));
        table.getColumns().add(column("Status", 90, t -> TicketsViewModel.statusLabel(t.status())));
        table.getColumns().add(column("Version", 70, t -> String.valueOf(t.version())));
        table.getColumns().add(column("Held by order", t -> t.orderId() == null ? "" : t.orderId()));
        table.setPlaceholder(new Label("No tickets yet: New ticket… puts one on sale"));
        // a refresh that brings changes replaces the rows: keep the selected ticket selected
        String[] selectedId = {null};
        table.getSelectionModel().selectedItemProperty().addListener((o, was, now) -> {
            if (now != null) {
                selectedId[0] = now.id();
            }
        });
        model.visibleTickets().addListener((javafx.collections.ListChangeListener<Ticket>) change -> {
            if (table.getSelectionModel().isEmpty() && selectedId[0] != null) {
                model.visibleTickets().stream().filter(t -> t.id().equals(selectedId[0])).findFirst()
                        .ifPresent(t -> table.getSelectionModel().select(t));
            }
        });
        table.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        dev.boxoffice.console.app.Tables.idsOnHover(table, (Ticket t) -> "ticket " + t.id() + "\nseller " + t.userId()
                + (t.orderId() == null ? "" : "\nheld by order " + t.orderId()));
        setCenter(table);
        BorderPane.setMargin(table, new Insets(8, 0, 0, 0));
    }

    private void openEditor(String heading) {
        Dialog<ButtonType> dialog = new Dialog<>();
        dialog.getDialogPane().getStylesheets().add(dev.boxoffice.console.app.Styles.SHEET);
        dialog.setTitle(heading);
        if (getScene() != null) {
            dialog.initOwner(getScene().getWindow());
        }
        ButtonType save = new ButtonType("Save", ButtonBar.ButtonData.OK_DONE);
        dialog.getDialogPane().getButtonTypes().addAll(save, ButtonType.CANCEL);
        TextField title = new TextField();
        title.setId("ticketTitle");
        title.textProperty().bindBidirectional(model.titleProperty());
        TextField price = new TextField();
        price.setId("ticketPrice");
        price.textProperty().bindBidirectional(model.priceProperty());
        Label titleError = errorLabel("titleError");
        titleError.textProperty().bind(model.titleErrorProperty());
        Label priceError = errorLabel("priceError");
        priceError.textProperty().bind(model.priceErrorProperty());
        Label formError = errorLabel("formError");
        formError.textProperty().bind(model.formErrorProperty());
        title.setPrefColumnCount(28);
        price.setPrefColumnCount(10);
        GridPane grid = new GridPane();
        grid.setHgap(8);
        grid.setVgap(4);
        // each error under its field, wrapping within the form's width; the dialog grows to show it whole
        grid.addRow(0, new Label("Title"), title);
        grid.add(titleError, 1, 1);
        grid.addRow(2, new Label("Price (USD)"), price);
        grid.add(priceError, 1, 3);
        grid.add(formError, 0, 4, 2, 1);
        for (Label label : new Label[] {titleError, priceError, formError}) {
            label.setWrapText(true);
            label.setMaxWidth(360);
            label.managedProperty().bind(label.textProperty().isNotEmpty());
            label.textProperty().addListener((o, was, now) -> javafx.application.Platform.runLater(() -> {
                if (dialog.getDialogPane().getScene() != null) {
                    dialog.getDialogPane().getScene().getWindow().sizeToScene();
                }
            }));
        }
        dialog.getDialogPane().setContent(grid);
        dialog.setResizable(true);
        Button saveButton = (Button) dialog.getDialogPane().lookupButton(save);
        saveButton.setId("saveTicket");
        saveButton.addEventFilter(javafx.event.ActionEvent.ACTION, event -> {
            event.consume();
            model.save(dialog::close);
        });
        dialog.show();
    }

    private static Label errorLabel(String id) {
        Label label = new Label();
        label.setId(id);
        dev.boxoffice.console.app.Styles.error(label);
        return label;
    }
}
