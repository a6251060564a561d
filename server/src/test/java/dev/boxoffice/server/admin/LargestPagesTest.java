package dev.boxoffice.server.admin;

import static org.assertj.core.api.Assertions.assertThat;

import dev.boxoffice.engine.Money;
import dev.boxoffice.server.ApiTestSupport;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The operator's largest pages (1,000) while more follow, on a server of their own: the thousand and one orders
 * written here would push other tests' rows past their first pages.
 */
@MicronautTest
class LargestPagesTest extends ApiTestSupport {

    @Test
    void shouldShowTheLargestPageOfTimersAndOfTickets_withTheirOrders_whenMoreFollow() {
        List<String> tickets = new ArrayList<>();
        for (int i = 0; i < 1001; i++) {
            tickets.add(engine.tickets().create("Crowd " + i, Money.of("5", "USD"), "seller").id());
        }
        engine.awaitQuiescence(QUIET);
        tickets.forEach(id -> engine.orders().place(id, "crowd-buyer"));
        engine.awaitQuiescence(QUIET);
        Session operator = operator();

        // a page reads the orders of its own rows in one query, not of the one more row that says a page follows
        Reply timers = get("/api/admin/expirations?limit=1000", operator);
        assertThat(timers.json()).hasSize(1000);
        assertThat(timers.headers().get("Link")).contains("limit=1000");
        assertThat(timers.json().findValuesAsText("ticketTitle")).allMatch(title -> title.startsWith("Crowd "));
        Reply ticketPage = get("/api/admin/tickets?limit=1000", operator);
        assertThat(ticketPage.json()).hasSize(1000);
        assertThat(ticketPage.json().findValuesAsText("status")).containsOnly("reserved");
        assertThat(ticketPage.headers().get("Link")).contains("limit=1000");
    }
}
