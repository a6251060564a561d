package dev.boxoffice.console.orders;

import dev.boxoffice.console.app.Tasks;
import dev.boxoffice.console.client.ConsoleClient;
import dev.boxoffice.console.client.Rows.Order;
import java.time.Duration;
import java.time.Instant;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import javafx.collections.transformation.FilteredList;

/**
 * Everyone's orders, with their buyers' emails (the operator API): status filter, time left before expiry; and for
 * the operator's own orders (an order belongs to its buyer, who alone may act on it) cancel, and pay with a test card
 * ({@code tok_visa}, or {@code tok_chargeDeclined} to see a decline).
 */
public class OrdersViewModel {

    /** "all", or one status's wire name. */
    public static final String ALL = "all";

    /** The filter's choices, in the order of an order's life. */
    public static final java.util.List<String> FILTERS = java.util.List.of(ALL, "created", "awaiting:payment",
            "complete", "cancelled");

    /** Why the operator cannot cancel or pay for someone else's order. */
    public static final String NOT_YOURS = "Only its buyer can cancel or pay for an order; this one is %s's";

    private final Tasks tasks;
    private final ConsoleClient client;
    private final ObservableList<Order> orders = FXCollections.observableArrayList();
    private final FilteredList<Order> visible = new FilteredList<>(orders, o -> true);
    private final StringProperty statusFilter = new SimpleStringProperty(ALL);
    private final StringProperty search = new SimpleStringProperty("");
    private final ReadOnlyStringWrapper message = new ReadOnlyStringWrapper("");
    private final javafx.beans.property.ReadOnlyBooleanWrapper failed = new javafx.beans.property.ReadOnlyBooleanWrapper();

    public OrdersViewModel(Tasks tasks, ConsoleClient client) {
        this.tasks = tasks;
        this.client = client;
        statusFilter.addListener((o, a, status) -> refilter());
        search.addListener((o, a, text) -> refilter());
    }

    /** Shows the orders of the chosen status whose buyer's email or ticket's title contains the search text. */
    private void refilter() {
        String status = statusFilter.get();
        String needle = search.get() == null ? "" : search.get().strip().toLowerCase(java.util.Locale.ROOT);
        visible.setPredicate(order -> (status == null || ALL.equals(status) || order.status().equals(status))
                && (needle.isEmpty() || contains(order.userEmail(), needle) || contains(order.ticket().title(), needle)
                        || order.id().startsWith(needle)));
    }

    private static boolean contains(String text, String needle) {
        return text != null && text.toLowerCase(java.util.Locale.ROOT).contains(needle);
    }

    /** Buyer's email, ticket title or order id (its start) to look for. */
    public StringProperty searchProperty() {
        return search;
    }

    public void refresh() {
        tasks.run(client::everyonesOrders, list -> orders.setAll(list), this::failed);
    }

    /** Orders a ticket for the operator (to try the flow); the new order appears in the list. */
    public void order(String ticketId) {
        tasks.run(() -> client.placeOrder(ticketId), placed -> {
            told("Ordered: " + placed.ticket().title() + ", expires at " + dev.boxoffice.console.app.Formats
                    .time(placed.expiresAt(), Instant.now(), java.time.ZoneId.systemDefault()) + " ("
                    + dev.boxoffice.console.app.Formats.relative(placed.expiresAt(), Instant.now()) + ")");
            refresh();
        }, this::failed);
    }

    public void cancel(Order order) {
        tasks.run(() -> {
            client.cancelOrder(order.id());
            return order;
        }, cancelled -> {
            told("Cancelled the order for " + cancelled.ticket().title());
            refresh();
        }, this::failed);
    }

    public void pay(Order order, String cardToken) {
        tasks.run(() -> client.pay(order.id(), cardToken), payment -> {
            told("Paid: the card is authorized; the order completes in a moment");
            refresh();
        }, this::failed);
    }

    private void failed(RuntimeException failure) {
        failed.set(true);
        message.set(failure.getMessage());
    }

    private void told(String text) {
        failed.set(false);
        message.set(text);
    }

    /** Whether the message says something went wrong (shown in the error style). */
    public javafx.beans.property.ReadOnlyBooleanProperty failedProperty() {
        return failed.getReadOnlyProperty();
    }

    /** Whether the operator may cancel or pay for this order: its own (it placed it to try the flow). */
    public boolean canAct(Order order) {
        return whyNotYours(order) == null;
    }

    /** Why the operator may not cancel or pay for this order (none selected, or someone else's), or null. */
    public String whyNotYours(Order order) {
        if (order == null) {
            return "Select one of your own orders";
        }
        return order.userId().equals(client.userId()) ? null
                : String.format(NOT_YOURS, order.userEmail() == null ? order.userId() : order.userEmail());
    }

    /** A status as a person reads it: "Created", "Awaiting payment", "Complete", "Cancelled"; "All" for the filter. */
    public static String label(String status) {
        return switch (status) {
            case ALL -> "All";
            case "created" -> "Created";
            case "awaiting:payment" -> "Awaiting payment";
            case "complete" -> "Complete";
            case "cancelled" -> "Cancelled";
            default -> status;
        };
    }

    /** What the table says when the filter leaves nothing. */
    public static String emptyText(String status) {
        return status == null || ALL.equals(status) ? "No orders yet: they appear here as buyers place them"
                : "No " + label(status).toLowerCase(java.util.Locale.ROOT) + " orders";
    }

    /** Time left before the order expires, as the view shows it: "4:59", "expired", or "" when not pending. */
    public static String timeLeft(Order order, Instant now) {
        if (!order.status().equals("created")) {
            return "";
        }
        Duration left = Duration.between(now, order.expiresAt());
        if (left.isNegative() || left.isZero()) {
            return "expired";
        }
        return dev.boxoffice.console.app.Formats.clock((left.toMillis() + 999) / 1000);
    }

    public ObservableList<Order> visibleOrders() {
        return visible;
    }

    public StringProperty statusFilterProperty() {
        return statusFilter;
    }

    public ReadOnlyStringProperty messageProperty() {
        return message.getReadOnlyProperty();
    }
}
