package dev.boxoffice.console.orders;

import static dev.boxoffice.engine.support.EngineFixture.QUIET;
import static org.assertj.core.api.Assertions.assertThat;

import dev.boxoffice.engine.support.Await;
import dev.boxoffice.console.RealServer;
import dev.boxoffice.console.app.Tasks;
import dev.boxoffice.console.client.ConsoleClient;
import dev.boxoffice.console.client.ConsoleException;
import dev.boxoffice.console.client.Rows.Order;
import dev.boxoffice.console.client.Rows.OrderedTicket;
import dev.boxoffice.console.client.Rows.Ticket;
import java.math.BigDecimal;
import java.time.Instant;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class OrdersViewModelTest {

    private final ConsoleClient client = RealServer.operator();
    private final OrdersViewModel model = new OrdersViewModel(Tasks.inline(), client);

    @AfterEach
    void close() {
        client.close();
    }

    private Order placed(String title) {
        Ticket ticket = client.createTicket(title, BigDecimal.TEN);
        Await.until("the ticket ordered", QUIET, () -> {
            model.order(ticket.id());
            return model.visibleOrders().stream().anyMatch(o -> o.ticket().id().equals(ticket.id()));
        });
        return model.visibleOrders().stream().filter(o -> o.ticket().id().equals(ticket.id())).findFirst()
                .orElseThrow();
    }

    @Test
    void shouldOrderPayAndFilterByStatus() {
        Order order = placed("Pay me");

        // replication is asynchronous: the payments service may not know the order for a moment (a declined
        // card records nothing, so trying it again until the order is known changes nothing)
        Await.until("the payments service to know the order", QUIET, () -> {
            model.pay(order, "tok_chargeDeclined");
            return !model.messageProperty().get().equals("Order not found");
        });
        assertThat(model.messageProperty().get()).isEqualTo("Your card was declined.");
        assertThat(model.failedProperty().get()).as("shown as an error").isTrue();
        model.pay(order, "tok_visa");
        assertThat(model.failedProperty().get()).isFalse();
        Await.until("the order complete", QUIET, () -> {
            model.refresh();
            return model.visibleOrders().stream().anyMatch(o -> o.id().equals(order.id())
                    && o.status().equals("complete"));
        });

        model.statusFilterProperty().set("created");
        assertThat(model.visibleOrders()).noneMatch(o -> o.id().equals(order.id()));
        model.statusFilterProperty().set("complete");
        assertThat(model.visibleOrders()).anyMatch(o -> o.id().equals(order.id()));
    }

    @Test
    void shouldListEveryBuyersOrder_withTheBuyersEmail_andLetTheOperatorActOnItsOwnAlone() throws Exception {
        Order own = placed("Mine");
        String email = "buyer-" + java.util.UUID.randomUUID() + "@console.test";
        String theirs = dev.boxoffice.console.Buyers.order(RealServer.url(), email,
                client.createTicket("Theirs", BigDecimal.ONE).id());

        model.refresh();

        Order listed = model.visibleOrders().stream().filter(o -> o.id().equals(theirs)).findFirst().orElseThrow();
        assertThat(listed.userEmail()).isEqualTo(email);
        assertThat(model.canAct(listed)).isFalse();
        assertThat(model.canAct(model.visibleOrders().stream().filter(o -> o.id().equals(own.id())).findFirst()
                .orElseThrow())).isTrue();
        assertThat(model.canAct(null)).isFalse();
        model.statusFilterProperty().set("cancelled");
        assertThat(model.visibleOrders()).noneMatch(o -> o.id().equals(theirs));
    }

    @Test
    void shouldNameStatusesAsPeopleReadThem() {
        assertThat(OrdersViewModel.FILTERS).map(OrdersViewModel::label)
                .containsExactly("All", "Created", "Awaiting payment", "Complete", "Cancelled");
        assertThat(OrdersViewModel.emptyText(OrdersViewModel.ALL)).startsWith("No orders yet");
        assertThat(OrdersViewModel.emptyText("awaiting:payment")).isEqualTo("No awaiting payment orders");
    }

    @Test
    void shouldCancel() {
        Order order = placed("Cancel me");
        // with its date when it expires tomorrow: placed in the last quarter of an hour before midnight
        assertThat(model.messageProperty().get())
                .matches("Ordered: Cancel me, expires at ([0-9]{4}-[0-9]{2}-[0-9]{2} )?[0-9:]{8} \\(in 1[45]:[0-5][0-9]\\)");

        model.cancel(order);

        assertThat(model.messageProperty().get()).startsWith("Cancelled");
        assertThat(model.visibleOrders()).anyMatch(o -> o.id().equals(order.id()) && o.status().equals("cancelled"));
    }

    @Test
    void shouldCountDownToExpiry() {
        Instant now = Instant.parse("2026-01-01T10:00:00Z");
        OrderedTicket ticket = new OrderedTicket("t", "T", BigDecimal.ONE);

        assertThat(OrdersViewModel.timeLeft(new Order("o", "created", "u", null, now.plusSeconds(299), 0, ticket), now))
                .isEqualTo("4:59");
        assertThat(OrdersViewModel.timeLeft(new Order("o", "created", "u", null, now.plusMillis(1), 0, ticket), now))
                .isEqualTo("0:01");
        assertThat(OrdersViewModel.timeLeft(new Order("o", "created", "u", null, now, 0, ticket), now)).isEqualTo("expired");
        assertThat(OrdersViewModel.timeLeft(new Order("o", "complete", "u", null, now.plusSeconds(60), 1, ticket), now))
                .isEmpty();
    }

    @Test
    void shouldReportAFailureAsAMessage() {
        model.order("3f0d9a8e-1b2c-4d5e-8f90-123456789abc");

        assertThat(model.messageProperty().get()).isEqualTo("Ticket not found");
        assertThat(new ConsoleException(404, "x", null).status()).isEqualTo(404);
    }

    @Test
    void shouldFindOrdersByBuyerOrTicket_amongEveryonesOrders() throws Exception {
        String tag = java.util.UUID.randomUUID().toString().substring(0, 8);
        Ticket a = client.createTicket("Search A " + tag, BigDecimal.TEN);
        Ticket b = client.createTicket("Search B " + tag, BigDecimal.TEN);
        String byAnn = dev.boxoffice.console.Buyers.order(RealServer.url(), "ann-" + tag + "@example.com", a.id());
        String byBob = dev.boxoffice.console.Buyers.order(RealServer.url(), "bob-" + tag + "@example.com", b.id());
        Await.until("both orders listed", QUIET, () -> {
            model.refresh();
            return model.visibleOrders().stream().filter(o -> o.id().equals(byAnn) || o.id().equals(byBob))
                    .count() == 2;
        });

        model.searchProperty().set("ANN-" + tag);
        assertThat(model.visibleOrders()).extracting(Order::id).containsExactly(byAnn);
        model.searchProperty().set("search b " + tag);
        assertThat(model.visibleOrders()).extracting(Order::id).containsExactly(byBob);
        model.statusFilterProperty().set("cancelled");
        assertThat(model.visibleOrders()).isEmpty();
        model.statusFilterProperty().set(OrdersViewModel.ALL);
        model.searchProperty().set("");
        assertThat(model.visibleOrders()).extracting(Order::id).contains(byAnn, byBob);
    }
}
