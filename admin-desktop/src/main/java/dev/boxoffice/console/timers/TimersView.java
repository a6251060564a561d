package dev.boxoffice.console.timers;

import static dev.boxoffice.console.app.Tables.column;

import dev.boxoffice.console.app.Formats;
import dev.boxoffice.console.client.Rows.Timer;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneId;
import javafx.geometry.Insets;
import javafx.scene.control.Label;
import javafx.scene.control.TableView;
import javafx.scene.layout.BorderPane;

/** Pending expiry timers with the time left; overdue ones in red. */
public class TimersView extends BorderPane {

    public TimersView(TimersViewModel model, Clock clock) {
        setPadding(new Insets(8));
        TableView<Timer> table = new TableView<>(model.timers());
        table.setId("timersTable");
        table.setPlaceholder(new Label("No pending expiry timers."));
        table.getColumns().add(column("Ticket", 220, (Timer t) -> t.ticketTitle() == null ? "" : t.ticketTitle()));
        table.getColumns().add(column("Buyer", 240, (Timer t) -> t.userEmail() == null ? "" : t.userEmail()));
        table.getColumns().add(column("Expires at", 160, (Timer t) -> Formats.time(t.expiresAt(), clock.instant(),
                ZoneId.systemDefault())));
        table.getColumns().add(column("Time left", 130, (Timer t) -> {
            Duration left = Duration.between(clock.instant(), t.expiresAt());
            return left.isNegative() ? "overdue by " + Formats.clock(left.negated().toSeconds())
                    : Formats.relative(t.expiresAt(), clock.instant());
        }));
        table.getColumns().add(column("Order", Timer::orderId));
        table.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        dev.boxoffice.console.app.Tables.idsOnHover(table, (Timer t) -> "order " + t.orderId(),
                "overdue", (Timer t) -> TimersViewModel.overdue(t, clock.instant()));
        Label error = new Label();
        dev.boxoffice.console.app.Styles.error(error);
        error.textProperty().bind(model.errorProperty());
        error.managedProperty().bind(error.textProperty().isNotEmpty()); // no empty strip while all is well
        setTop(error);
        setCenter(table);
        setBottom(dev.boxoffice.console.app.Tables.caption("timersCaption", model.captionProperty()));
    }
}
