package dev.boxoffice.engine.store;

import static dev.boxoffice.engine.support.EngineFixture.QUIET;
import static dev.boxoffice.engine.support.EngineFixture.usd;
import static org.assertj.core.api.Assertions.assertThat;

import dev.boxoffice.engine.BoxOffice;
import dev.boxoffice.engine.order.TicketAlreadyReservedException;
import dev.boxoffice.engine.support.Await;
import dev.boxoffice.engine.support.EngineFixture;
import dev.boxoffice.engine.support.MutableClock;
import dev.boxoffice.engine.support.Race;
import dev.boxoffice.engine.support.Stores;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@link BoxOffice#commitCounts()}: every command a service committed is counted once, a refused one not at all,
 * and the commits that carried them are no more than the commands (on SQLite, concurrent ones may share).
 */
@ParameterizedClass
@MethodSource("dev.boxoffice.engine.support.Stores#underTest")
class CommitCountsTest {

    @Parameter
    Stores stores;

    @TempDir
    Path dir;
    BoxOffice engine;

    @AfterEach
    void close() {
        engine.close();
    }

    private CommitCounts of(String store) {
        return engine.commitCounts().stream().filter(c -> c.store().equals(store)).findFirst().orElseThrow();
    }

    @Test
    void shouldCountEachCommittedCommandOnce_andTheCommitsThatCarriedThem() throws Exception {
        engine = EngineFixture.engine(stores, dir, MutableClock.at("2026-12-02T10:00:00Z")).build();
        assertThat(engine.commitCounts()).extracting(CommitCounts::store)
                .containsExactlyInAnyOrder("tickets", "orders", "expiration", "payments");
        List<String> tickets = new ArrayList<>();
        for (int i = 0; i < 16; i++) {
            tickets.add(engine.tickets().create("Seat " + i, usd("10"), "seller").id());
        }
        CommitCounts sixteen = of("tickets");
        assertThat(sixteen).isEqualTo(new CommitCounts("tickets", 16, 16)); // one caller: nothing shares
        tickets.add(engine.tickets().create("Seat 16", usd("10"), "seller").id());
        assertThat(of("tickets").since(sixteen)).isEqualTo(new CommitCounts("tickets", 1, 1));
        Await.until("the tickets in the orders service", QUIET, () -> tickets.stream()
                .allMatch(id -> engine.orders().ticketReplica(id).isPresent()));

        // sixteen buyers at once, one ticket each, and one more for a ticket already taken
        List<Object> outcomes = Race.of(17, i -> engine.orders().place(tickets.get(i % 16), "buyer-" + i));
        assertThat(outcomes).filteredOn(TicketAlreadyReservedException.class::isInstance).hasSize(1);

        CommitCounts orders = of("orders");
        assertThat(orders.commands()).as("sixteen placed, the refused one not counted").isEqualTo(16);
        assertThat(orders.commits()).isBetween(1L, 16L);
        assertThat(orders.commandsPerCommit()).isEqualTo(16.0 / orders.commits());
        if (stores == Stores.POSTGRESQL) {
            assertThat(orders.commits()).as("a transaction each").isEqualTo(16);
        }
    }

    @Test
    void shouldRefuseAnOrderForAHeldTicket_withoutAWriteTransaction() throws Exception {
        engine = EngineFixture.engine(stores, dir, MutableClock.at("2026-12-02T10:00:00Z")).build();
        String ticket = engine.tickets().create("Hot seat", usd("10"), "seller").id();
        Await.until("the ticket in the orders service", QUIET,
                () -> engine.orders().ticketReplica(ticket).isPresent());
        engine.orders().place(ticket, "first");
        CommitCounts held = of("orders");

        List<Object> outcomes = Race.of(8, i -> engine.orders().place(ticket, "late-" + i));

        assertThat(outcomes).allMatch(TicketAlreadyReservedException.class::isInstance);
        assertThat(of("orders").since(held)).as("refused on a read: no write transaction, committed or not")
                .isEqualTo(new CommitCounts("orders", 0, 0));
    }
}
