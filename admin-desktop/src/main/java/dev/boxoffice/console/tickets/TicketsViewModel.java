package dev.boxoffice.console.tickets;

import dev.boxoffice.console.app.Tasks;
import dev.boxoffice.console.client.ConsoleClient;
import dev.boxoffice.console.client.ConsoleException;
import dev.boxoffice.console.client.Rows.Ticket;
import java.math.BigDecimal;
import java.util.List;
import java.util.Locale;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import javafx.collections.transformation.FilteredList;

/**
 * Tickets: the table with a search, and the create/edit form whose errors appear next to their field (the
 * server's field errors), with a plain message when an edit is refused because the ticket is reserved.
 */
public class TicketsViewModel {

    private final Tasks tasks;
    private final ConsoleClient client;
    private final ObservableList<Ticket> tickets = FXCollections.observableArrayList();
    private final FilteredList<Ticket> visible = new FilteredList<>(tickets, t -> true);
    private final StringProperty search = new SimpleStringProperty("");
    private final ReadOnlyStringWrapper error = new ReadOnlyStringWrapper("");
    private final ReadOnlyBooleanWrapper busy = new ReadOnlyBooleanWrapper(false);

    private final ReadOnlyObjectWrapper<Ticket> editing = new ReadOnlyObjectWrapper<>();
    private final StringProperty title = new SimpleStringProperty("");
    private final StringProperty price = new SimpleStringProperty("");
    private final ReadOnlyStringWrapper titleError = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper priceError = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper formError = new ReadOnlyStringWrapper("");

    public TicketsViewModel(Tasks tasks, ConsoleClient client) {
        this.tasks = tasks;
        this.client = client;
        search.addListener((obs, old, text) -> {
            String needle = text == null ? "" : text.strip().toLowerCase(Locale.ROOT);
            visible.setPredicate(t -> needle.isEmpty() || t.title().toLowerCase(Locale.ROOT).contains(needle)
                    || t.id().startsWith(needle));
        });
    }

    /** Reads the tickets again; called every second while the view shows (so an edit made elsewhere appears). */
    public void refresh() {
        busy.set(true);
        tasks.run(client::tickets, list -> {
            if (!list.equals(tickets)) { // unchanged: no change event, the selection stays
                tickets.setAll(list);
            }
            error.set("");
            busy.set(false);
        }, failure -> {
            error.set(failure.getMessage());
            busy.set(false);
        });
    }

    /** Opens the form for a new ticket. */
    public void startCreate() {
        editing.set(null);
        title.set("");
        price.set("");
        clearErrors();
    }

    /** Opens the form on an existing ticket. */
    public void startEdit(Ticket ticket) {
        editing.set(ticket);
        title.set(ticket.title());
        price.set(dev.boxoffice.console.app.Tables.money(ticket.price()));
        clearErrors();
    }

    /** Where a ticket stands, in words: "Free", "Reserved", "Sold" ("" when not known). */
    public static String statusLabel(String status) {
        return status == null ? "" : switch (status) {
            case "free" -> "Free";
            case "reserved" -> "Reserved";
            case "sold" -> "Sold";
            default -> status;
        };
    }

    /** Why the operator cannot edit this ticket, or null when it can: only its seller can, and not while reserved. */
    public String whyNotEditable(Ticket ticket) {
        if (ticket == null) {
            return "Select one of your own tickets";
        }
        if (!ticket.userId().equals(client.userId())) {
            return "Only its seller can edit a ticket";
        }
        return ticket.orderId() == null ? null : "Cannot edit a reserved ticket";
    }

    /** Saves the form; {@code onSaved} runs (on the UI thread) once the server accepted it. */
    public void save(Runnable onSaved) {
        clearErrors();
        BigDecimal amount;
        try {
            amount = new BigDecimal(price.get() == null ? "" : price.get().strip());
        } catch (NumberFormatException e) {
            priceError.set("Price must be a number, e.g. 20.50");
            return;
        }
        Ticket target = editing.get();
        String text = title.get();
        busy.set(true);
        tasks.run(() -> target == null ? client.createTicket(text, amount) : client.updateTicket(target.id(), text,
                amount), saved -> {
                    busy.set(false);
                    replace(saved);
                    onSaved.run();
                    refresh(); // the operator API's row: with the seller's email and where the ticket stands
                }, failure -> {
                    busy.set(false);
                    show(failure);
                });
    }

    private void replace(Ticket saved) {
        for (int i = 0; i < tickets.size(); i++) {
            if (tickets.get(i).id().equals(saved.id())) {
                tickets.set(i, saved);
                return;
            }
        }
        tickets.add(saved);
    }

    private void show(ConsoleException failure) {
        if ("title".equals(failure.field())) {
            titleError.set(failure.getMessage());
        } else if ("price".equals(failure.field())) {
            priceError.set(failure.getMessage());
        } else {
            formError.set(failure.getMessage());
        }
    }

    private void clearErrors() {
        titleError.set("");
        priceError.set("");
        formError.set("");
    }

    public List<Ticket> all() {
        return List.copyOf(tickets);
    }

    public ObservableList<Ticket> visibleTickets() {
        return visible;
    }

    public StringProperty searchProperty() {
        return search;
    }

    public ReadOnlyStringProperty errorProperty() {
        return error.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty busyProperty() {
        return busy.getReadOnlyProperty();
    }

    public ReadOnlyObjectProperty<Ticket> editingProperty() {
        return editing.getReadOnlyProperty();
    }

    public StringProperty titleProperty() {
        return title;
    }

    public StringProperty priceProperty() {
        return price;
    }

    public ReadOnlyStringProperty titleErrorProperty() {
        return titleError.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty priceErrorProperty() {
        return priceError.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty formErrorProperty() {
        return formError.getReadOnlyProperty();
    }
}
