package dev.boxoffice.engine.order;

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
import dev.boxoffice.engine.support.MutableClock;
import dev.boxoffice.engine.ticket.Ticket;
import dev.boxoffice.engine.ticket.TicketNotFoundException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@ParameterizedClass
@MethodSource("dev.boxoffice.engine.support.Stores#underTest")
class OrdersTest {

    @Parameter
    Stores stores;

    @TempDir
    Path dir;
    MutableClock clock = MutableClock.at("2026-03-01T12:00:00Z");
    BoxOffice engine;
    Orders orders;

    @BeforeEach
    void open() {
        engine = engine(stores, dir, clock).expiryWindow(Duration.ofMinutes(10)).build();
        orders = engine.orders();
    }

    @AfterEach
    void close() {
        engine.close();
    }

    private Ticket replicatedTicket(String title, String price) {
        Ticket ticket = engine.tickets().create(title, usd(price), "seller");
        engine.awaitQuiescence(QUIET);
        return ticket;
    }

    @Test
    void shouldReplicateANewTicketIntoTheOrderService() {
        Ticket ticket = replicatedTicket("Concert", "20");

        assertThat(orders.ticketReplica(ticket.id()))
                .contains(new TicketReplica(ticket.id(), "Concert", usd("20"), "seller", 0));
    }

    @Test
    void shouldPlaceOncePerRequestKey_andAnswerTheSameOrderAfterARestart() {
        Ticket ticket = replicatedTicket("Concert", "20");
        Ticket other = replicatedTicket("Opera", "30");

        Order first = orders.place(ticket.id(), "buyer", "key-1");
        Order again = orders.place(ticket.id(), "buyer", "key-1");
        engine.awaitQuiescence(QUIET);

        assertThat(again).isEqualTo(first);
        assertThatThrownBy(() -> orders.place(ticket.id(), "buyer", "key-2"))
                .isInstanceOf(TicketAlreadyReservedException.class);
        assertThat(orders.place(other.id(), "someone-else", "key-1").ticket().id()).isEqualTo(other.id());
        assertThat(orders.listFor("buyer")).containsExactly(first);

        orders.cancel(first.id(), "buyer");
        engine.close();
        engine = engine(stores, dir, clock).expiryWindow(Duration.ofMinutes(10)).build();
        orders = engine.orders();
        Order afterRestart = orders.place(ticket.id(), "buyer", "key-1");
        assertThat(afterRestart.id()).isEqualTo(first.id());
        assertThat(afterRestart.status()).isEqualTo(OrderStatus.CANCELLED);
        assertThat(orders.listFor("buyer")).hasSize(1);
    }

    @Test
    void shouldPlaceAnOrderThatExpiresOneWindowFromNow() {
        Ticket ticket = replicatedTicket("Concert", "20");
        clock.advance(Duration.ofSeconds(30));

        Order order = orders.place(ticket.id(), "buyer");

        assertThat(order.status()).isEqualTo(OrderStatus.CREATED);
        assertThat(order.version()).isZero();
        assertThat(order.userId()).isEqualTo("buyer");
        assertThat(order.expiresAt()).isEqualTo(Instant.parse("2026-03-01T12:10:30Z"));
        assertThat(order.ticket()).isEqualTo(new Order.OrderedTicket(ticket.id(), "Concert", usd("20")));
        assertThat(orders.getFor(order.id(), "buyer")).isEqualTo(order);
        assertThat(orders.listFor("buyer")).containsExactly(order);
        assertThat(orders.listFor("someone-else")).isEmpty();
    }

    @Test
    void shouldRejectAnOrderForATicketTheReplicaDoesNotKnow() {
        assertThatThrownBy(() -> orders.place("3f0d9a8e-1b2c-4d5e-8f90-123456789abc", "buyer"))
                .isInstanceOf(TicketNotFoundException.class);
    }

    @Test
    void shouldRejectASecondOrder_whenTheTicketIsReserved() {
        Ticket ticket = replicatedTicket("Concert", "20");
        orders.place(ticket.id(), "first");

        assertThatThrownBy(() -> orders.place(ticket.id(), "second"))
                .isInstanceOfSatisfying(TicketAlreadyReservedException.class,
                        e -> assertThat(e.ticketId()).isEqualTo(ticket.id()))
                .hasMessage("Ticket is already reserved");
        assertThat(orders.listFor("second")).isEmpty();
    }

    @Test
    void shouldLetOnlyTheBuyerReadOrCancel() {
        Ticket ticket = replicatedTicket("Concert", "20");
        Order order = orders.place(ticket.id(), "buyer");

        assertThatThrownBy(() -> orders.getFor(order.id(), "other")).isInstanceOf(NotOwnerException.class);
        assertThatThrownBy(() -> orders.cancel(order.id(), "other")).isInstanceOf(NotOwnerException.class);
        assertThat(orders.find(order.id()).orElseThrow().status()).isEqualTo(OrderStatus.CREATED);
        assertThatThrownBy(() -> orders.cancel("3f0d9a8e-1b2c-4d5e-8f90-123456789abc", "buyer"))
                .isInstanceOf(OrderNotFoundException.class);
    }

    @Test
    void shouldCancelReleaseTheTicketAndLetAnotherBuyerOrderIt() {
        Ticket ticket = replicatedTicket("Concert", "20");
        Order first = orders.place(ticket.id(), "first");

        Order cancelled = orders.cancel(first.id(), "first");
        engine.awaitQuiescence(QUIET);

        assertThat(cancelled.status()).isEqualTo(OrderStatus.CANCELLED);
        assertThat(cancelled.version()).isEqualTo(1);
        Ticket released = engine.tickets().get(ticket.id());
        assertThat(released.orderId()).isNull();
        assertThat(released.version()).isEqualTo(2);
        assertThat(orders.ticketReplica(ticket.id()).orElseThrow().version()).isEqualTo(2);

        Order second = orders.place(ticket.id(), "second");
        engine.awaitQuiescence(QUIET);
        assertThat(engine.tickets().get(ticket.id()).orderId()).isEqualTo(second.id());
        assertThat(orders.countByStatus()).containsEntry(OrderStatus.CANCELLED, 1L)
                .containsEntry(OrderStatus.CREATED, 1L).containsEntry(OrderStatus.COMPLETE, 0L);
        assertThat(engine.tickets().get(ticket.id()).version()).isEqualTo(3);
    }

    @Test
    void shouldNotPublishASecondCancel_whenCancellingTwice() {
        Ticket ticket = replicatedTicket("Concert", "20");
        Order order = orders.place(ticket.id(), "buyer");
        Order cancelled = orders.cancel(order.id(), "buyer");
        engine.awaitQuiescence(QUIET);

        assertThat(orders.cancel(order.id(), "buyer")).isEqualTo(cancelled);
        engine.awaitQuiescence(QUIET);
        assertThat(engine.tickets().get(ticket.id()).version()).isEqualTo(2);
    }

    @Test
    void shouldNotReleaseATicketThatAnotherOrderHasSinceReserved() {
        Ticket ticket = replicatedTicket("Concert", "20");
        Order first = orders.place(ticket.id(), "first");
        orders.cancel(first.id(), "first");
        Order second = orders.place(ticket.id(), "second");
        engine.awaitQuiescence(QUIET);

        Ticket now = engine.tickets().get(ticket.id());
        assertThat(now.orderId()).isEqualTo(second.id());
        assertThat(orders.find(first.id()).orElseThrow().status()).isEqualTo(OrderStatus.CANCELLED);
    }

    @Test
    void shouldKeepTheReplicaInStepWithEveryEdit() {
        Ticket ticket = replicatedTicket("Concert", "20");
        for (int i = 1; i <= 20; i++) {
            engine.tickets().update(ticket.id(), "Concert #" + i, usd(i + ".25"), "seller");
        }
        engine.awaitQuiescence(QUIET);

        assertThat(orders.ticketReplica(ticket.id()))
                .contains(new TicketReplica(ticket.id(), "Concert #20", usd("20.25"), "seller", 20));
    }
}
