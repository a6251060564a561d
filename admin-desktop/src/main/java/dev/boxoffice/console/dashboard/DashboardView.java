package dev.boxoffice.console.dashboard;

import dev.boxoffice.console.orders.OrdersViewModel;
import java.util.Locale;
import java.util.function.Consumer;
import javafx.beans.binding.Bindings;
import javafx.collections.ListChangeListener;
import javafx.geometry.Insets;
import javafx.scene.chart.LineChart;
import javafx.scene.chart.NumberAxis;
import javafx.scene.chart.XYChart;
import javafx.scene.control.Hyperlink;
import javafx.scene.control.Label;
import javafx.scene.layout.FlowPane;
import javafx.scene.layout.VBox;

/** Numbers that link to their views, and a live chart of events per second. */
public class DashboardView extends VBox {

    /**
     * @param open       opens a view by its tab name
     * @param openOrders opens the orders view filtered on a status (its wire name)
     */
    public DashboardView(DashboardViewModel model, Consumer<String> open, Consumer<String> openOrders) {
        setPadding(new Insets(12));
        setSpacing(12);
        FlowPane tiles = new FlowPane(12, 12);
        tiles.getChildren().addAll(
                tile("tickets", "Tickets", Bindings.format("%d (%d reserved)", model.ticketsProperty(),
                        model.reservedProperty()), open),
                ordersTile(model, openOrders),
                tile("replicas", "Replicas", Bindings.format("%d order replicas · %d refused out of order",
                        model.replicasProperty(), model.refusedProperty()), open),
                tile("deadLetters", "Dead letters", Bindings.format("%d", model.deadLettersProperty()), open),
                tile("timers", "Expiry timers", Bindings.format("%d pending · %d overdue", model.timersProperty(),
                        model.overdueProperty()), open));
        NumberAxis x = new NumberAxis(0, DashboardViewModel.HISTORY, 10);
        x.setLabel("seconds");
        NumberAxis y = new NumberAxis();
        y.setLabel("events / s");
        LineChart<Number, Number> chart = new LineChart<>(x, y);
        chart.setId("eventsChart");
        chart.setAnimated(false);
        chart.setCreateSymbols(false);
        chart.setLegendVisible(false);
        chart.setTitle("Events per second");
        XYChart.Series<Number, Number> series = new XYChart.Series<>();
        chart.getData().add(series);
        model.rate().addListener((ListChangeListener<Integer>) change -> {
            var points = new java.util.ArrayList<XYChart.Data<Number, Number>>();
            for (int i = 0; i < model.rate().size(); i++) {
                points.add(new XYChart.Data<>(i, model.rate().get(i)));
            }
            series.getData().setAll(points);
        });
        Label error = new Label();
        dev.boxoffice.console.app.Styles.error(error);
        error.textProperty().bind(model.errorProperty());
        getChildren().addAll(tiles, error, chart);
    }

    /** One link per status, "2 created", each opening the orders view filtered on it. */
    private static VBox ordersTile(DashboardViewModel model, Consumer<String> openOrders) {
        FlowPane links = new FlowPane(8, 2);
        for (String status : OrdersViewModel.FILTERS) {
            if (status.equals(OrdersViewModel.ALL)) {
                continue;
            }
            Hyperlink link = new Hyperlink();
            link.setId("ordersTile-" + status.replace(':', '-'));
            link.textProperty().bind(Bindings.createStringBinding(() -> model.orderCountsProperty().get()
                    .getOrDefault(status, 0L) + " " + OrdersViewModel.label(status).toLowerCase(Locale.ROOT),
                    model.orderCountsProperty()));
            link.getStyleClass().add("figure");
            link.setOnAction(e -> openOrders.accept(status));
            links.getChildren().add(link);
        }
        links.setPrefWrapLength(220);
        return framed(new VBox(2, heading("Orders"), links));
    }

    private static Label heading(String name) {
        Label heading = new Label(name);
        heading.getStyleClass().add("tile-heading");
        return heading;
    }

    private static VBox framed(VBox tile) {
        tile.setPadding(new Insets(8));
        tile.getStyleClass().add("tile");
        tile.setMinWidth(200);
        return tile;
    }

    private static VBox tile(String id, String name, javafx.beans.value.ObservableValue<String> value,
                             Consumer<String> open) {
        Hyperlink link = new Hyperlink();
        link.setId(id + "Tile");
        link.textProperty().bind(value);
        link.getStyleClass().add("figure");
        link.setOnAction(e -> open.accept(name));
        return framed(new VBox(2, heading(name), link));
    }
}
