package dev.boxoffice.engine.ticket;

import dev.boxoffice.engine.support.Stores;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.MethodSource;
import static dev.boxoffice.engine.support.EngineFixture.QUIET;
import static dev.boxoffice.engine.support.EngineFixture.engine;
import static dev.boxoffice.engine.support.EngineFixture.usd;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.boxoffice.engine.BoxOffice;
import dev.boxoffice.engine.NotOwnerException;
import dev.boxoffice.engine.ValidationException;
import dev.boxoffice.engine.support.MutableClock;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@ParameterizedClass
@MethodSource("dev.boxoffice.engine.support.Stores#underTest")
class TicketsTest {

    @Parameter
    Stores stores;

    @TempDir
    Path dir;
    BoxOffice engine;
    Tickets tickets;

    @BeforeEach
    void open() {
        engine = engine(stores, dir, MutableClock.at("2026-01-01T10:00:00Z")).build();
        tickets = engine.tickets();
    }

    @AfterEach
    void close() {
        engine.close();
    }

    @Test
    void shouldCreateATicketAtVersionZeroWithATrimmedTitle() {
        Ticket ticket = tickets.create("  Concert \t", usd("20.50"), "seller");

        assertThat(ticket.version()).isZero();
        assertThat(ticket.title()).isEqualTo("Concert");
        assertThat(ticket.price().minorUnits()).isEqualTo(2050);
        assertThat(ticket.orderId()).isNull();
        assertThat(tickets.get(ticket.id())).isEqualTo(ticket);
        assertThat(tickets.list()).containsExactly(ticket);
    }

    @Test
    void shouldKeepAnyUnicodeTitleExactly() {
        String title = "Café 🎟️ 日本語 — \"quoted\" <b>";
        assertThat(tickets.get(tickets.create(title, usd("1"), "s").id()).title()).isEqualTo(title);
    }

    @Test
    void shouldRejectAnEmptyOrOverlongTitleAndStoreNothing() {
        assertThatThrownBy(() -> tickets.create("   ", usd("1"), "s"))
                .isInstanceOfSatisfying(ValidationException.class, e -> assertThat(e.field()).isEqualTo("title"));
        assertThatThrownBy(() -> tickets.create(null, usd("1"), "s")).isInstanceOf(ValidationException.class);
        assertThatThrownBy(() -> tickets.create("x".repeat(201), usd("1"), "s"))
                .isInstanceOf(ValidationException.class).hasMessageContaining("200");
        assertThatThrownBy(() -> tickets.create("broken \ud800 half", usd("1"), "s"))
                .isInstanceOfSatisfying(ValidationException.class, e -> assertThat(e.field()).isEqualTo("title"));
        assertThatThrownBy(() -> tickets.create("nul\u0000", usd("1"), "s")).isInstanceOf(ValidationException.class);
        assertThat(tickets.create("🎟".repeat(200), usd("1"), "s").title()).hasSize(400);
        assertThat(tickets.list()).hasSize(1);
    }

    @Test
    void shouldPageThroughTicketsOldestFirstAfterAGivenTicket() {
        java.util.List<Ticket> created = new java.util.ArrayList<>();
        for (int i = 0; i < 7; i++) {
            created.add(tickets.create("T" + i, usd("1"), "s"));
        }

        java.util.List<Ticket> seen = new java.util.ArrayList<>();
        String after = null;
        java.util.List<Ticket> page;
        do {
            page = tickets.page(after, 3);
            assertThat(page.size()).isLessThanOrEqualTo(3);
            seen.addAll(page);
            after = page.isEmpty() ? after : page.get(page.size() - 1).id();
        } while (page.size() == 3);

        assertThat(seen).containsExactlyElementsOf(created);
        assertThat(tickets.page(created.get(6).id(), 3)).isEmpty();
        assertThat(tickets.page(null, 100)).containsExactlyElementsOf(created);
        assertThatThrownBy(() -> tickets.page("3f0d9a8e-1b2c-4d5e-8f90-123456789abc", 3))
                .isInstanceOf(TicketNotFoundException.class);
        assertThatThrownBy(() -> tickets.page(null, 0)).isInstanceOf(ValidationException.class);
    }

    @Test
    void shouldCountTicketsAndReservedOnes() {
        assertThat(tickets.counts()).isEqualTo(new Tickets.Counts(0, 0));
        Ticket reserved = tickets.create("Held", usd("5"), "seller");
        tickets.create("Free", usd("5"), "seller");
        engine.awaitQuiescence(QUIET);
        engine.orders().place(reserved.id(), "buyer");
        engine.awaitQuiescence(QUIET);

        assertThat(tickets.counts()).isEqualTo(new Tickets.Counts(2, 1));
    }

    @Test
    void shouldLetTheOwnerEditAndAddOneToTheVersion() {
        Ticket ticket = tickets.create("Concert", usd("20"), "seller");

        Ticket edited = tickets.update(ticket.id(), "Concert (late)", usd("25"), "seller");

        assertThat(edited.version()).isEqualTo(1);
        assertThat(edited.price()).isEqualTo(usd("25"));
        assertThat(tickets.get(ticket.id())).isEqualTo(edited);
    }

    @Test
    void shouldRejectAnEditByAnotherUser_whenNotTheOwner() {
        Ticket ticket = tickets.create("Concert", usd("20"), "seller");

        assertThatThrownBy(() -> tickets.update(ticket.id(), "Mine now", usd("1"), "thief"))
                .isInstanceOfSatisfying(NotOwnerException.class, e -> assertThat(e.userId()).isEqualTo("thief"));
        assertThat(tickets.get(ticket.id())).isEqualTo(ticket);
    }

    @Test
    void shouldRejectAnEditOfAnUnknownTicket() {
        String unknown = "3f0d9a8e-1b2c-4d5e-8f90-123456789abc";
        assertThatThrownBy(() -> tickets.update(unknown, "t", usd("1"), "s"))
                .isInstanceOfSatisfying(TicketNotFoundException.class, e -> assertThat(e.id()).isEqualTo(unknown));
        assertThat(tickets.find(unknown)).isEmpty();
        assertThatThrownBy(() -> tickets.update("no-such-id", "t", usd("1"), "s"))
                .isInstanceOfSatisfying(ValidationException.class, e -> assertThat(e.field()).isEqualTo("ticketId"));
    }

    @Test
    void shouldRejectAnEditWhileReserved_andAllowItAfterRelease() {
        Ticket ticket = tickets.create("Concert", usd("20"), "seller");
        engine.awaitQuiescence(QUIET);
        var order = engine.orders().place(ticket.id(), "buyer");
        engine.awaitQuiescence(QUIET);

        Ticket reserved = tickets.get(ticket.id());
        assertThat(reserved.orderId()).isEqualTo(order.id());
        assertThat(reserved.version()).isEqualTo(1);
        assertThatThrownBy(() -> tickets.update(ticket.id(), "New", usd("30"), "seller"))
                .isInstanceOfSatisfying(TicketReservedException.class,
                        e -> assertThat(e.orderId()).isEqualTo(order.id()))
                .hasMessage("Cannot edit a reserved ticket");

        engine.orders().cancel(order.id(), "buyer");
        engine.awaitQuiescence(QUIET);
        Ticket released = tickets.get(ticket.id());
        assertThat(released.orderId()).isNull();
        assertThat(released.version()).isEqualTo(2);
        assertThat(tickets.update(ticket.id(), "New", usd("30"), "seller").version()).isEqualTo(3);
    }
}
