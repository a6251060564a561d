package dev.boxoffice.engine.testing;

import static dev.boxoffice.engine.support.EngineFixture.QUIET;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.boxoffice.engine.BoxOffice;
import dev.boxoffice.engine.order.Order;
import dev.boxoffice.engine.order.OrderStatus;
import dev.boxoffice.engine.order.TicketAlreadyReservedException;
import dev.boxoffice.engine.payment.PaymentStatus;
import dev.boxoffice.engine.ticket.Ticket;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The past written in bulk is one the engine reads, and goes on from, as if it had made it itself. */
class PastBusinessTest {

    private static final int TICKETS = 300;
    private static final int PAST_ORDERS = 200;

    @TempDir
    Path dir;

    @Test
    void shouldReadThePastAsTheEngineWouldHaveKeptIt() {
        PastBusiness.write(dir, TICKETS, PAST_ORDERS);
        try (BoxOffice engine = BoxOffice.builder().dataDirectory(dir).build()) {
            long complete = PAST_ORDERS / 3; // orders 3, 6, ..., 198
            assertThat(engine.tickets().counts().total()).isEqualTo(TICKETS);
            assertThat(engine.tickets().counts().reserved()).isEqualTo(complete);
            assertThat(engine.orders().countByStatus()).containsAllEntriesOf(Map.of(
                    OrderStatus.COMPLETE, complete, OrderStatus.CANCELLED, PAST_ORDERS - complete,
                    OrderStatus.CREATED, 0L));

            Order sold = engine.orders().getFor(PastBusiness.orderId(3), PastBusiness.buyerOf(3));
            assertThat(sold.status()).isEqualTo(OrderStatus.COMPLETE);
            assertThat(sold.ticket().id()).isEqualTo(PastBusiness.ticketId(3));
            assertThat(engine.tickets().get(PastBusiness.ticketId(3)).orderId()).isEqualTo(sold.id());
            assertThat(engine.payments().forOrder(sold.id())).singleElement()
                    .satisfies(p -> assertThat(p.status()).isEqualTo(PaymentStatus.CAPTURED));
            assertThat(engine.orders().getFor(PastBusiness.orderId(4), PastBusiness.buyerOf(4)).status())
                    .isEqualTo(OrderStatus.CANCELLED);
            assertThat(engine.payments().forOrder(PastBusiness.orderId(4))).isEmpty();
            assertThat(engine.tickets().page(PastBusiness.ticketId(10), 5)).extracting(Ticket::id)
                    .containsExactly(PastBusiness.ticketId(11), PastBusiness.ticketId(12), PastBusiness.ticketId(13),
                            PastBusiness.ticketId(14), PastBusiness.ticketId(15));
        }
    }

    @Test
    void shouldGoOnFromThePast_eachReplicaTakingTheNextVersionOfItsOwner() throws Exception {
        PastBusiness.write(dir, TICKETS, PAST_ORDERS);
        try (BoxOffice engine = BoxOffice.builder().dataDirectory(dir).build()) {
            String released = PastBusiness.ticketId(4);   // its past order was cancelled: version 2, free
            String neverOrdered = PastBusiness.ticketId(250); // version 0
            Order again = engine.orders().place(released, "buyer-now");
            engine.orders().place(neverOrdered, "buyer-now");
            assertThatThrownBy(() -> engine.orders().place(PastBusiness.ticketId(3), "buyer-now"))
                    .isInstanceOf(TicketAlreadyReservedException.class);
            engine.tickets().update(PastBusiness.ticketId(5), "Renamed", new dev.boxoffice.engine.Money(1234,
                    java.util.Currency.getInstance("USD")), "seller-5");
            engine.awaitQuiescence(QUIET);

            Ticket reserved = engine.tickets().get(released);
            assertThat(reserved.orderId()).isEqualTo(again.id());
            assertThat(reserved.version()).isEqualTo(3);
            for (String id : new String[] {released, neverOrdered, PastBusiness.ticketId(5)}) {
                Ticket owner = engine.tickets().get(id);
                assertThat(engine.orders().ticketReplica(id)).get().satisfies(copy -> {
                    assertThat(copy.version()).isEqualTo(owner.version());
                    assertThat(copy.title()).isEqualTo(owner.title());
                });
            }
            assertThat(engine.deadLetters().list()).isEmpty();
        }
    }

    @Test
    void shouldRefuseMorePastOrdersThanTickets() {
        assertThatThrownBy(() -> PastBusiness.write(dir, 10, 11))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("must not exceed tickets");
    }
}
