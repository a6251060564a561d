package dev.boxoffice.console.orders;

import static dev.boxoffice.console.app.Tables.column;
import static dev.boxoffice.console.app.Tables.money;

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

/** The operator's orders: status filter, live countdown to expiry, cancel, pay with a test card. */
public class OrdersView extends BorderPane {

    private final TableView<Order> table;

    public OrdersView(OrdersViewModel model, Clock clock) {
        setPadding(new Insets(8));
        ChoiceBox<String> status = new ChoiceBox<>(FXCollections.observableArrayList(OrdersViewModel.ALL, "created",
                "complete", "cancelled"));
        status.setId("orderStatusFilter");
        status.valueProperty().bindBidirectional(model.statusFilterProperty());
        table = new TableView<>(model.visibleOrders());
        table.setId("ordersTable");
        table.getColumns().add(column("Ticket", (Order o) -> o.ticket().title()));
        table.getColumns().add(column("Price", (Order o) -> money(o.ticket().price())));
        table.getColumns().add(column("Status", Order::status));
        table.getColumns().add(column("Expires in", (Order o) -> OrdersViewModel.timeLeft(o, clock.instant())));
        table.getColumns().add(column("Version", (Order o) -> String.valueOf(o.version())));
        table.getColumns().add(column("Order", Order::id));
        table.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        Button cancel = new Button("Cancel");
        cancel.setId("cancelOrder");
        Button pay = new Button("Pay with tok_visa");
        pay.setId("payOrder");
        Button declined = new Button("Pay with a declined card");
        for (Button b : new Button[] {cancel, pay, declined}) {
            b.setMnemonicParsing(false);
            b.disableProperty().bind(table.getSelectionModel().selectedItemProperty().isNull());
        }
        cancel.setOnAction(e -> model.cancel(table.getSelectionModel().getSelectedItem()));
        pay.setOnAction(e -> model.pay(table.getSelectionModel().getSelectedItem(), "tok_visa"));
        declined.setOnAction(e -> model.pay(table.getSelectionModel().getSelectedItem(), "tok_chargeDeclined"));
        Label message = new Label();
        message.setId("ordersMessage");
        message.textProperty().bind(model.messageProperty());
        setTop(new HBox(8, new Label("Status"), status, cancel, pay, declined, message));
        setCenter(table);
        BorderPane.setMargin(table, new Insets(8, 0, 0, 0));
    }

    /** Redraws the countdowns. */
    public void tick() {
        table.refresh();
    }
}
