package dev.boxoffice.console.orders;

import static dev.boxoffice.console.app.Tables.column;
import static dev.boxoffice.console.app.Tables.money;

import dev.boxoffice.console.app.Guarded;
import dev.boxoffice.console.client.Rows.Order;
import java.time.Clock;
import javafx.collections.FXCollections;
import javafx.geometry.Insets;
import javafx.scene.control.Button;
import javafx.scene.control.ChoiceBox;
import javafx.scene.control.Label;
import javafx.scene.control.TableView;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;

/**
 * Everyone's orders: status filter, buyer, live countdown to expiry; cancel and pay with a test card for the
 * operator's own orders (disabled for others', the reason in a tooltip).
 */
public class OrdersView extends BorderPane {

    private final TableView<Order> table;

    public OrdersView(OrdersViewModel model, Clock clock) {
        setPadding(new Insets(8));
        ChoiceBox<String> status = new ChoiceBox<>(FXCollections.observableArrayList(OrdersViewModel.FILTERS));
        status.setId("orderStatusFilter");
        status.setConverter(new javafx.util.StringConverter<>() {
            @Override
            public String toString(String wireName) {
                return wireName == null ? "" : OrdersViewModel.label(wireName);
            }

            @Override
            public String fromString(String label) {
                return OrdersViewModel.FILTERS.stream().filter(f -> OrdersViewModel.label(f).equals(label))
                        .findFirst().orElse(OrdersViewModel.ALL);
            }
        });
        status.valueProperty().bindBidirectional(model.statusFilterProperty());
        table = new TableView<>(model.visibleOrders());
        table.setId("ordersTable");
        Label empty = new Label();
        empty.setId("ordersEmpty");
        empty.textProperty().bind(javafx.beans.binding.Bindings.createStringBinding(
                () -> OrdersViewModel.emptyText(model.statusFilterProperty().get()), model.statusFilterProperty()));
        table.setPlaceholder(empty);
        table.getColumns().add(column("Buyer", 240, (Order o) -> o.userEmail() == null ? o.userId() : o.userEmail()));
        table.getColumns().add(column("Ticket", 200, (Order o) -> o.ticket().title()));
        table.getColumns().add(column("Price", 80, (Order o) -> money(o.ticket().price())));
        table.getColumns().add(column("Status", 130, (Order o) -> OrdersViewModel.label(o.status())));
        table.getColumns().add(column("Expires in", 90, (Order o) -> OrdersViewModel.timeLeft(o, clock.instant())));
        table.getColumns().add(column("Version", 70, (Order o) -> String.valueOf(o.version())));
        table.getColumns().add(column("Order", Order::id));
        table.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        dev.boxoffice.console.app.Tables.idsOnHover(table, (Order o) -> "order " + o.id() + "\nticket " + o.ticket().id()
                + "\nbuyer " + o.userId());
        Button cancel = new Button("Cancel");
        cancel.setId("cancelOrder");
        Button pay = new Button("Pay with tok_visa");
        pay.setId("payOrder");
        Button declined = new Button("Pay with a declined card");
        declined.setId("payDeclined");
        for (Button b : new Button[] {cancel, pay, declined}) {
            b.setMnemonicParsing(false);
        }
        HBox actions = Guarded.actions(table.getSelectionModel().selectedItemProperty(), model::whyNotYours, cancel,
                pay, declined);
        actions.setId("orderActions");
        cancel.setOnAction(e -> model.cancel(table.getSelectionModel().getSelectedItem()));
        pay.setOnAction(e -> model.pay(table.getSelectionModel().getSelectedItem(), "tok_visa"));
        declined.setOnAction(e -> model.pay(table.getSelectionModel().getSelectedItem(), "tok_chargeDeclined"));
        Label message = new Label();
        message.setId("ordersMessage");
        message.textProperty().bind(model.messageProperty());
        message.setWrapText(true);
        // a failure (e.g. a declined card) in the error style, bold, so that it is not missed
        message.getStyleClass().add("message");
        dev.boxoffice.console.app.Styles.state(message, "failed", model.failedProperty(), Boolean.TRUE::equals);
        javafx.scene.control.TextField search = new javafx.scene.control.TextField();
        search.setId("orderSearch");
        search.setPromptText("buyer or ticket");
        search.setPrefColumnCount(14);
        search.textProperty().bindBidirectional(model.searchProperty());
        Label statusLabel = new Label("Status");
        HBox controls = new HBox(8, statusLabel, status, search, actions);
        controls.setAlignment(javafx.geometry.Pos.CENTER_LEFT);
        for (javafx.scene.layout.Region shownWhole : new javafx.scene.layout.Region[] {statusLabel, cancel, pay,
                declined}) {
            shownWhole.setMinWidth(javafx.scene.layout.Region.USE_PREF_SIZE);
        }
        message.managedProperty().bind(message.textProperty().isNotEmpty()); // no empty strip while all is quiet
        setTop(new javafx.scene.layout.VBox(6, controls, message));
        setCenter(table);
        BorderPane.setMargin(table, new Insets(8, 0, 0, 0));
    }

    /** Redraws the countdowns. */
    public void tick() {
        table.refresh();
    }
}
