package dev.boxoffice.engine.order;

import dev.boxoffice.engine.support.Stores;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.MethodSource;
import static dev.boxoffice.engine.support.EngineFixture.QUIET;
import static dev.boxoffice.engine.support.EngineFixture.engine;
import static dev.boxoffice.engine.support.EngineFixture.usd;
import static org.assertj.core.api.Assertions.assertThat;

import dev.boxoffice.engine.BoxOffice;
import dev.boxoffice.engine.support.MutableClock;
import dev.boxoffice.engine.ticket.Ticket;
import java.nio.file.Path;
import java.util.List;
import dev.boxoffice.engine.support.Race;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@ParameterizedClass
@MethodSource("dev.boxoffice.engine.support.Stores#underTest")
class ConcurrentOrdersTest {

    @Parameter
    Stores stores;

    private static final int BUYERS = 64;

    @TempDir
    Path dir;

    @Test
    void shouldLetExactlyOneOf64ConcurrentBuyersReserveATicket() throws Exception {
        try (BoxOffice engine = engine(stores, dir, MutableClock.at("2026-05-01T00:00:00Z")).build()) {
            Ticket ticket = engine.tickets().create("Final", usd("99.99"), "seller");
            engine.awaitQuiescence(QUIET);

            List<Object> outcomes = Race.of(BUYERS, i -> engine.orders().place(ticket.id(), "buyer-" + i));

            List<Order> placed = outcomes.stream().filter(Order.class::isInstance).map(Order.class::cast).toList();
            assertThat(placed).hasSize(1);
            assertThat(outcomes).filteredOn(TicketAlreadyReservedException.class::isInstance).hasSize(BUYERS - 1);

            engine.awaitQuiescence(QUIET);
            Ticket reserved = engine.tickets().get(ticket.id());
            assertThat(reserved.orderId()).isEqualTo(placed.get(0).id());
            assertThat(reserved.version()).isEqualTo(1);
        }
    }
}
