package dev.boxoffice.engine.order;

import static dev.boxoffice.engine.support.EngineFixture.QUIET;
import static dev.boxoffice.engine.support.EngineFixture.engine;
import static dev.boxoffice.engine.support.EngineFixture.usd;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.boxoffice.engine.BoxOffice;
import dev.boxoffice.engine.NotFoundException;
import dev.boxoffice.engine.payment.Payment;
import dev.boxoffice.engine.support.MutableClock;
import dev.boxoffice.engine.support.Stores;
import dev.boxoffice.engine.ticket.OrderHold;
import dev.boxoffice.engine.ticket.Ticket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.MethodSource;

/** What an operator (or a chaos run's checker) reads of everyone's data: pages of orders and payments, replicas. */
@ParameterizedClass
@MethodSource("dev.boxoffice.engine.support.Stores#underTest")
class OperatorQueriesTest {

    @Parameter
    Stores stores;

    private static final String UNKNOWN = "3f0d9a8e-1b2c-4d5e-8f90-123456789abc";

    @TempDir
    Path dir;
    BoxOffice engine;
    final List<Ticket> tickets = new ArrayList<>();
    final List<Order> orders = new ArrayList<>();

    @BeforeEach
    void open() {
        engine = engine(stores, dir, MutableClock.at("2026-03-01T12:00:00Z")).expiryWindow(Duration.ofMinutes(10))
                .build();
        for (int i = 0; i < 5; i++) {
            tickets.add(engine.tickets().create("Show " + i, usd("1" + i), "seller"));
        }
        engine.awaitQuiescence(QUIET);
        for (int i = 0; i < 5; i++) {
            orders.add(engine.orders().place(tickets.get(i).id(), i % 2 == 0 ? "ann" : "bob"));
        }
        engine.orders().cancel(orders.get(1).id(), "bob");
        engine.awaitQuiescence(QUIET);
    }

    @AfterEach
    void close() {
        engine.close();
    }

    @Test
    void shouldFindTheOrdersOfManyIdsInOneRead_skippingUnknownOnes() {
        Order cancelled = engine.orders().find(orders.get(1).id()).orElseThrow();
        assertThat(engine.orders().findAll(List.of(orders.get(3).id(), UNKNOWN, cancelled.id(), orders.get(3).id())))
                .containsExactlyInAnyOrder(orders.get(3), cancelled);
        assertThat(engine.orders().findAll(List.of())).isEmpty();
        assertThat(engine.orders().findAll(orders.stream().map(Order::id).toList())).hasSize(5);
    }

    @Test
    void shouldPageEveryonesOrdersOldestFirst_withFilters() {
        List<Order> first = engine.orders().page(OrderQuery.all(2));
        List<Order> second = engine.orders().page(OrderQuery.all(2).after(first.get(1).id()));
        List<Order> third = engine.orders().page(OrderQuery.all(2).after(second.get(1).id()));

        assertThat(first).extracting(Order::id).containsExactly(orders.get(0).id(), orders.get(1).id());
        assertThat(second).extracting(Order::id).containsExactly(orders.get(2).id(), orders.get(3).id());
        assertThat(third).extracting(Order::id).containsExactly(orders.get(4).id());
        assertThat(engine.orders().page(new OrderQuery(null, "bob", null, null, 10))).extracting(Order::id)
                .containsExactly(orders.get(1).id(), orders.get(3).id());
        assertThat(engine.orders().page(new OrderQuery(OrderStatus.CANCELLED, null, null, null, 10)))
                .extracting(Order::id).containsExactly(orders.get(1).id());
        assertThat(engine.orders().page(new OrderQuery(OrderStatus.CREATED, "bob", tickets.get(3).id(), null, 10)))
                .extracting(Order::id).containsExactly(orders.get(3).id());
        assertThatThrownBy(() -> engine.orders().page(OrderQuery.all(2).after(UNKNOWN)))
                .isInstanceOf(OrderNotFoundException.class);
    }

    @Test
    void shouldPagePayments() {
        Payment paid = engine.payments().pay(orders.get(0).id(), "tok_visa", "ann", null);
        Payment other = engine.payments().pay(orders.get(2).id(), "tok_visa", "ann", null);

        assertThat(engine.payments().page(null, 1)).extracting(Payment::id).containsExactly(paid.id());
        assertThat(engine.payments().page(paid.id(), 5)).extracting(Payment::id).containsExactly(other.id());
        assertThatThrownBy(() -> engine.payments().page(UNKNOWN, 5)).isInstanceOf(NotFoundException.class);
    }

    @Test
    void shouldShowTheTicketsServicesCopyOfAnOrder() {
        assertThat(engine.tickets().orderReplica(orders.get(1).id()))
                .contains(new OrderHold(orders.get(1).id(), tickets.get(1).id(), OrderStatus.CANCELLED, 1));
        assertThat(engine.tickets().orderReplica(orders.get(0).id()))
                .contains(new OrderHold(orders.get(0).id(), tickets.get(0).id(), OrderStatus.CREATED, 0));
        assertThat(engine.tickets().orderReplica(UNKNOWN)).isEmpty();
    }
}
