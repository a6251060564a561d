package dev.boxoffice.console.tickets;

import static dev.boxoffice.engine.support.EngineFixture.QUIET;
import static org.assertj.core.api.Assertions.assertThat;

import dev.boxoffice.engine.support.Await;
import dev.boxoffice.console.RealServer;
import dev.boxoffice.console.app.Tasks;
import dev.boxoffice.console.client.ConsoleClient;
import dev.boxoffice.console.client.ConsoleException;
import dev.boxoffice.console.client.Rows.Ticket;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class TicketsViewModelTest {

    private final ConsoleClient client = RealServer.operator();
    private final TicketsViewModel model = new TicketsViewModel(Tasks.inline(), client);

    @AfterEach
    void close() {
        client.close();
    }

    private Ticket create(String title, String price) {
        model.startCreate();
        model.titleProperty().set(title);
        model.priceProperty().set(price);
        AtomicBoolean saved = new AtomicBoolean();
        model.save(() -> saved.set(true));
        assertThat(saved).as("saved %s", title).isTrue();
        return model.all().stream().filter(t -> t.title().equals(title)).findFirst().orElseThrow();
    }

    @Test
    void shouldLetTheOperatorEditOnlyItsOwnFreeTickets_withTheReason() {
        Ticket own = create("Own " + java.util.UUID.randomUUID(), "42.5");
        Ticket others = new Ticket("3f0d9a8e-1b2c-4d5e-8f90-123456789abc", "Theirs", java.math.BigDecimal.TEN, "someone-else",
                0, null, "someone@example.com", "free");
        Ticket reserved = new Ticket(own.id(), own.title(), own.price(), own.userId(), 1,
                "3f0d9a8e-1b2c-4d5e-8f90-123456789abd", own.userEmail(), "reserved");

        assertThat(own.userEmail()).as("the seller by email").isEqualTo(RealServer.OPERATOR_EMAIL);
        assertThat(own.status()).isEqualTo("free");
        assertThat(model.whyNotEditable(own)).isNull();
        assertThat(model.whyNotEditable(others)).isEqualTo("Only its seller can edit a ticket");
        assertThat(model.whyNotEditable(reserved)).isEqualTo("Cannot edit a reserved ticket");
        assertThat(model.whyNotEditable(null)).isEqualTo("Select one of your own tickets");
        model.startEdit(own);
        assertThat(model.priceProperty().get()).as("as the table shows it").isEqualTo("42.50");
    }

    @Test
    void shouldCreateATicketAndFindItBySearch() {
        String title = "Search me " + UUID.randomUUID();
        Ticket ticket = create(title, "20.50");

        model.refresh();
        model.searchProperty().set(title.substring(0, 20).toUpperCase());

        assertThat(ticket.version()).isZero();
        assertThat(model.visibleTickets()).extracting(Ticket::id).contains(ticket.id());
        model.searchProperty().set("no ticket is called this");
        assertThat(model.visibleTickets()).isEmpty();
    }

    @Test
    void shouldShowErrorsNextToTheirField() {
        model.startCreate();
        model.titleProperty().set("Fine");
        model.priceProperty().set("twenty");
        model.save(() -> { });
        assertThat(model.priceErrorProperty().get()).isEqualTo("Price must be a number, e.g. 20.50");

        model.priceProperty().set("10.001");
        model.save(() -> { });
        assertThat(model.priceErrorProperty().get()).isEqualTo("Price must have at most 2 decimals");

        model.titleProperty().set("   ");
        model.priceProperty().set("10");
        model.save(() -> { });
        assertThat(model.titleErrorProperty().get()).isEqualTo("Title is required");
        assertThat(model.priceErrorProperty().get()).isEmpty();
    }

    @Test
    void shouldEditAndRaiseTheVersion_andSayPlainlyWhenTheTicketIsReserved() {
        Ticket ticket = create("Editable " + UUID.randomUUID(), "10");
        model.startEdit(ticket);
        model.priceProperty().set("12");
        model.save(() -> { });
        Ticket edited = model.all().stream().filter(t -> t.id().equals(ticket.id())).findFirst().orElseThrow();
        assertThat(edited.version()).isEqualTo(1);

        Await.until("the ticket reserved", QUIET, () -> {
            try {
                client.placeOrder(ticket.id());
                return true;
            } catch (ConsoleException notReplicatedYet) {
                return false;
            }
        });
        Await.until("the reservation known to the tickets service", QUIET, () -> client.tickets().stream()
                .anyMatch(t -> t.id().equals(ticket.id()) && t.orderId() != null));
        model.refresh();
        model.startEdit(model.all().stream().filter(t -> t.id().equals(ticket.id())).findFirst().orElseThrow());
        model.priceProperty().set("99");
        model.save(() -> { });

        assertThat(model.formErrorProperty().get()).isEqualTo("Cannot edit a reserved ticket");
    }
}
