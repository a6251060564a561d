package dev.boxoffice.console.ui;

import static dev.boxoffice.console.ui.ConsoleRobot.assertColumnsFitHeaders;
import static dev.boxoffice.console.ui.ConsoleRobot.openTab;
import static dev.boxoffice.console.ui.ConsoleRobot.signIn;
import static dev.boxoffice.console.ui.ConsoleRobot.type;
import static dev.boxoffice.console.ui.ConsoleRobot.waitFor;
import static dev.boxoffice.console.ui.ConsoleRobot.waitForUi;
import static org.assertj.core.api.Assertions.assertThat;

import dev.boxoffice.console.RealServer;
import dev.boxoffice.console.app.ConsoleWindow;
import dev.boxoffice.console.client.ConsoleClient;
import dev.boxoffice.console.client.ConsoleException;
import dev.boxoffice.console.client.Rows.Event;
import dev.boxoffice.console.client.Rows.Ticket;
import dev.boxoffice.console.replicas.ReplicasViewModel;
import java.nio.file.Files;
import java.util.UUID;
import java.util.prefs.Preferences;
import javafx.scene.control.Label;
import javafx.scene.control.TableView;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/**
 * Clicks through the console as an operator would, headless (Monocle), against a real server: sign in, create a
 * ticket and see it, edit it and see the version go up, watch its events arrive in the live tail and the
 * replicas' counters move. Writes PNG snapshots of the views into {@code target/snapshots}.
 */
@ExtendWith(ApplicationExtension.class)
class ConsoleUiTest {

    private final Preferences preferences = Preferences.userRoot().node("boxoffice-ui-test-" + UUID.randomUUID());
    private ConsoleWindow window;
    private Stage stage;

    @Start
    void start(Stage stage) {
        this.stage = stage;
        window = new ConsoleWindow(stage, preferences);
        window.show();
    }

    @AfterEach
    void close() throws Exception {
        preferences.removeNode();
    }

    @Test
    void shouldLetAnOperatorSignInSellEditAndWatchItLive(FxRobot robot) throws Exception {
        signIn(robot, RealServer.url(), RealServer.OPERATOR_EMAIL, "wrong");
        waitForUi("the sign-in error", () -> !robot.lookup("#connectError").queryAs(Label.class).getText().isEmpty());
        assertThat(robot.lookup("#connectError").queryAs(Label.class).getText()).isEqualTo("Invalid credentials");
        snapshot(robot, "connect");

        type(robot, "password", RealServer.OPERATOR_PASSWORD);
        robot.clickOn("#connect");
        waitForUi("the dashboard", () -> robot.lookup("#ticketsTile").tryQuery().isPresent());
        robot.clickOn("#ticketsTile");
        waitForUi("the tickets view", () -> robot.lookup("#newTicket").tryQuery().map(n -> n.isVisible()
                && n.getScene() != null).orElse(false));

        String title = "Console " + UUID.randomUUID().toString().substring(0, 8);
        robot.clickOn("#newTicket");
        waitForUi("the ticket dialog", () -> robot.lookup("#ticketTitle").tryQuery().isPresent());
        type(robot, "ticketTitle", title);
        type(robot, "ticketPrice", "12.345");
        robot.clickOn("#saveTicket");
        waitForUi("the price error next to the field",
                () -> !robot.lookup("#priceError").queryAs(Label.class).getText().isEmpty());
        assertThat(robot.lookup("#priceError").queryAs(Label.class).getText())
                .isEqualTo("Price must have at most 2 decimals");
        Label priceError = robot.lookup("#priceError").queryAs(Label.class);
        waitForUi("the error shown whole, inside the dialog grown to fit it", () -> {
            javafx.geometry.Bounds bounds = priceError.localToScene(priceError.getBoundsInLocal());
            return ConsoleRobot.shownWhole(priceError) && bounds.getMaxX() <= priceError.getScene().getWidth()
                    && bounds.getMaxY() <= priceError.getScene().getHeight();
        });
        assertThat(WaitForAsyncUtils.asyncFx(priceError::getTextFill).get()).as("in the stylesheet's error style")
                .isEqualTo(javafx.scene.paint.Color.web("#b00020"));
        robot.interact(() -> Snapshots.write(priceError.getScene(), "ticket-dialog-errors"));
        type(robot, "ticketPrice", "12.50");
        robot.clickOn("#saveTicket");
        TableView<Ticket> tickets = robot.lookup("#ticketsTable").queryTableView();
        waitForUi("the ticket in the table", () -> tickets.getItems().stream().anyMatch(t -> t.title().equals(title)));
        Ticket created = ConsoleRobot.row(tickets, t -> t.title().equals(title));
        assertThat(created.version()).isZero();

        robot.interact(() -> tickets.getSelectionModel().select(created));
        robot.clickOn("#editTicket");
        waitForUi("the edit dialog", () -> robot.lookup("#ticketPrice").tryQuery().isPresent());
        type(robot, "ticketPrice", "15");
        robot.clickOn("#saveTicket");
        waitForUi("version 1 in the table", () -> tickets.getItems().stream()
                .anyMatch(t -> t.id().equals(created.id()) && t.version() == 1));
        // live: a ticket put on sale elsewhere appears without Refresh
        String elsewhere = "Elsewhere " + UUID.randomUUID().toString().substring(0, 8);
        try (ConsoleClient other = RealServer.operator()) {
            other.createTicket(elsewhere, new java.math.BigDecimal("9"));
        }
        waitForUi("the ticket made elsewhere in the table", () -> tickets.getItems().stream()
                .anyMatch(t -> t.title().equals(elsewhere) && "free".equals(t.status())
                        && RealServer.OPERATOR_EMAIL.equals(t.userEmail())));
        assertColumnsFitHeaders(robot, "ticketsTable");
        assertThat(rowTooltip(robot, tickets, t -> t.id().equals(created.id()))).as("the ticket's ids on hover")
                .contains("ticket " + created.id(), "seller " + created.userId());
        snapshot(robot, "tickets");

        openTab(robot, "Events");
        TableView<Event> events = robot.lookup("#eventsTable").queryTableView();
        javafx.scene.control.TextArea detail = robot.lookup("#eventPayload").queryAs(javafx.scene.control.TextArea.class);
        assertThat(detail.getPromptText()).as("a hint before an event is chosen").startsWith("Select an event");
        javafx.scene.control.TextField subjectFilter = robot.lookup("#subjectFilter")
                .queryAs(javafx.scene.control.TextField.class);
        javafx.scene.text.Text prompt = new javafx.scene.text.Text(subjectFilter.getPromptText());
        prompt.setFont(subjectFilter.getFont());
        assertThat(subjectFilter.getWidth() - subjectFilter.getPadding().getLeft() - subjectFilter.getPadding()
                .getRight()).as("the filter's hint fits").isGreaterThanOrEqualTo(prompt.getLayoutBounds().getWidth());
        assertColumnsFitHeaders(robot, "eventsTable");
        // the live tail follows from sign-in; an edit after it subscribed is certain to show up
        waitForUi("a ticket:updated event for the ticket in the live tail", () -> events.getItems().stream()
                .anyMatch(e -> e.aggregateId().equals(created.id()) && e.subject().equals("ticket:updated")));
        robot.interact(() -> events.getSelectionModel().select(0));
        waitForUi("the payload shown", () -> !robot.lookup("#eventPayload")
                .queryAs(javafx.scene.control.TextArea.class).getText().isEmpty());
        snapshot(robot, "events");

        openTab(robot, "Tickets");
        robot.interact(() -> tickets.getSelectionModel().select(tickets.getItems().stream()
                .filter(t -> t.id().equals(created.id())).findFirst().orElseThrow()));
        robot.clickOn("#orderTicket");
        TableView<dev.boxoffice.console.client.Rows.Order> orders = robot.lookup("#ordersTable").queryTableView();
        waitForUi("the order with its countdown", () -> orders.getItems().stream()
                .anyMatch(o -> o.ticket().id().equals(created.id()) && o.status().equals("created")));
        String countdown = dev.boxoffice.console.orders.OrdersViewModel.timeLeft(ConsoleRobot.row(orders,
                o -> o.ticket().id().equals(created.id())), java.time.Instant.now());
        assertThat(countdown).matches("1[45]:[0-5][0-9]");
        openTab(robot, "Expiry timers");
        TableView<dev.boxoffice.console.client.Rows.Timer> timers = robot.lookup("#timersTable").queryTableView();
        waitForUi("the order's timer, named by its ticket and buyer", () -> timers.getItems().stream()
                .anyMatch(t -> title.equals(t.ticketTitle()) && RealServer.OPERATOR_EMAIL.equals(t.userEmail())));
        assertColumnsFitHeaders(robot, "timersTable");
        javafx.scene.control.Label caption = robot.lookup("#timersCaption").queryAs(javafx.scene.control.Label.class);
        waitForUi("the caption counting the list's timers", () -> caption.getText().equals(
                timers.getItems().size() == 1 ? "1 pending timer" : timers.getItems().size() + " pending timers"));
        snapshot(robot, "timers");
        openTab(robot, "Orders");
        // a sale: other buyers order too, and the operator sees every order with its buyer
        try (ConsoleClient seller = RealServer.operator()) {
            for (String buyer : new String[] {"ann", "bob", "cid"}) {
                dev.boxoffice.console.Buyers.order(RealServer.url(), buyer + "-" + UUID.randomUUID().toString()
                        .substring(0, 6) + "@example.com", seller.createTicket("Concert, seat " + buyer.toUpperCase(),
                        new java.math.BigDecimal("42.5")).id());
            }
        }
        waitForUi("the other buyers' orders listed with their emails", () -> orders.getItems().stream()
                .filter(o -> o.userEmail() != null && o.userEmail().endsWith("@example.com")).count() >= 3);
        snapshot(robot, "orders");
        assertColumnsFitHeaders(robot, "ordersTable");
        ConsoleRobot.assertShownWhole(robot, "cancelOrder", "payOrder", "payDeclined");
        dev.boxoffice.console.client.Rows.Order ours = ConsoleRobot.row(orders,
                o -> o.ticket().id().equals(created.id()));
        assertThat(rowTooltip(robot, orders, o -> o.id().equals(ours.id()))).as("the order's ids on hover")
                .contains("order " + ours.id(), "ticket " + created.id(), "buyer " + ours.userId());
        robot.interact(() -> orders.getSelectionModel().select(orders.getItems().stream()
                .filter(o -> o.ticket().id().equals(created.id())).findFirst().orElseThrow()));
        // replication is asynchronous: wait until the payments service knows the order (probing with a declined
        // card, which records nothing), then pay once through the view
        String orderId = ours.id();
        try (ConsoleClient probe = RealServer.operator()) {
            waitFor("the payments service to know the order", () -> {
                try {
                    probe.pay(orderId, "tok_chargeDeclined");
                    throw new AssertionError("a declined card was accepted");
                } catch (ConsoleException e) {
                    return !e.getMessage().equals("Order not found");
                }
            });
        }
        robot.clickOn("#payOrder");
        waitForUi("the order complete", () -> orders.getItems().stream()
                .anyMatch(o -> o.ticket().id().equals(created.id()) && o.status().equals("complete")));

        openTab(robot, "Dashboard");
        waitForUi("the dashboard to count the complete order", () -> robot.lookup("#ordersTile-complete")
                .queryAs(javafx.scene.control.Hyperlink.class).getText().equals("1 complete"));
        snapshot(robot, "dashboard");
        robot.clickOn("#ordersTile-complete");
        waitForUi("the orders view, filtered on complete orders", () -> robot.lookup("#tabs").queryAs(
                javafx.scene.control.TabPane.class).getSelectionModel().getSelectedItem().getText().equals("Orders") && "complete".equals(robot.lookup("#orderStatusFilter")
                .queryAs(javafx.scene.control.ChoiceBox.class).getValue()) && !orders.getItems().isEmpty()
                && orders.getItems().stream().allMatch(o -> o.status().equals("complete")));
        openTab(robot, "Dashboard");

        openTab(robot, "Replicas");
        javafx.scene.control.TreeTableView<ReplicasViewModel.Line> replicas = robot.lookup("#replicasTree").query();
        waitForUi("the order replicas' counters to move, under this server's node", () -> replicas.getRoot()
                .getChildren().stream().filter(node -> node.getValue() instanceof ReplicasViewModel.NodeLine n
                        && n.live())
                .flatMap(node -> node.getChildren().stream()).map(item -> (ReplicasViewModel.Row) item.getValue())
                .filter(r -> r.replica().group().equals("orders")).mapToLong(r -> r.replica().applied()).sum() >= 2);
        assertColumnsFitHeaders(robot, "versionsTable");
        assertColumnsFitHeaders(robot, "replicasTree");
        snapshot(robot, "replicas");

        assertThat(Files.size(Snapshots.DIR.resolve("replicas.png"))).isPositive();
    }

    /** The tooltip of the table's row showing an item (what hovering over it shows), read on the FX thread. */
    @SuppressWarnings("unchecked")
    private static <T> String rowTooltip(FxRobot robot, TableView<T> table, java.util.function.Predicate<T> item)
            throws Exception {
        return WaitForAsyncUtils.asyncFx(() -> {
            table.getItems().stream().filter(item).findFirst().ifPresent(table::scrollTo);
            table.layout();
            return table.lookupAll(".table-row-cell").stream()
                    .map(n -> (javafx.scene.control.TableRow<T>) n)
                    .filter(r -> r.getItem() != null && item.test(r.getItem()) && r.getTooltip() != null)
                    .map(r -> r.getTooltip().getText()).findFirst().orElse("");
        }).get();
    }

    private void snapshot(FxRobot robot, String name) {
        Snapshots.take(robot, stage, name);
    }
}
