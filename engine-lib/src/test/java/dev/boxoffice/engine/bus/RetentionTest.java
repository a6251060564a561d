package dev.boxoffice.engine.bus;

import static dev.boxoffice.engine.support.EngineFixture.QUIET;
import static dev.boxoffice.engine.support.EngineFixture.usd;
import static org.assertj.core.api.Assertions.assertThat;

import dev.boxoffice.engine.BoxOffice;
import dev.boxoffice.engine.order.Order;
import dev.boxoffice.engine.order.OrderQuery;
import dev.boxoffice.engine.payment.SimulatedPaymentGateway;
import dev.boxoffice.engine.store.Store;
import dev.boxoffice.engine.support.Await;
import dev.boxoffice.engine.support.MutableClock;
import dev.boxoffice.engine.support.Stores;
import dev.boxoffice.engine.ticket.Ticket;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Bounded storage: consumer groups forget the events they handled once older than the processed-event retention,
 * and the embedded log forgets what every group acknowledged once older than the log retention. An event delivered
 * again after its record is gone (here: every event there ever was, republished from the outboxes) is handled again
 * and changes nothing.
 */
@ParameterizedClass
@MethodSource("dev.boxoffice.engine.support.Stores#underTest")
class RetentionTest {

    /** Short, so that pruning comes round every second (a quarter of it) of real time. */
    private static final Duration RETENTION = Duration.ofSeconds(4);
    private static final String[] SERVICES = {"tickets", "orders", "expiration", "payments"};

    @Parameter
    Stores stores;

    @TempDir
    Path dir;
    final MutableClock clock = MutableClock.at("2026-10-01T09:00:00Z");
    final SimulatedPaymentGateway gateway = new SimulatedPaymentGateway();
    BoxOffice engine;

    @AfterEach
    void close() {
        engine.close();
    }

    /** Everything a late duplicate could change, as the services hold it. */
    private List<Object> state() {
        List<Object> state = new ArrayList<>();
        List<Order> orders = engine.orders().page(OrderQuery.all(100));
        state.add(engine.tickets().list());
        state.add(orders);
        state.add(engine.payments().list());
        state.add(engine.orders().ticketReplicas());
        for (Order o : orders) {
            state.add(engine.tickets().orderReplica(o.id()));
            state.add(engine.payments().orderReplica(o.id()));
        }
        state.add(engine.expirations().pending());
        state.add(gateway.captured());
        state.add(gateway.released());
        state.add(engine.deadLetters().list());
        state.add(engine.outboxes().list().stream().map(Outboxes.State::newestPosition).toList());
        return state;
    }

    private long rows(String store, String table) throws SQLException {
        String[] migrations = store.equals("bus") ? new String[] {"bus"} : new String[] {"messaging", store};
        try (Store opened = stores.storage(dir).open(store, 1, migrations);
             Connection c = opened.dataSource().getConnection();
             ResultSet rs = c.createStatement().executeQuery("SELECT count(*) FROM " + table)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private long inboxRecords() throws SQLException {
        long total = 0;
        for (String service : SERVICES) {
            total += rows(service, "processed_events");
        }
        return total;
    }

    @Test
    void shouldForgetHandledEventsAfterTheRetention_andApplyNothingTwiceWhenTheyComeAgain() throws Exception {
        engine = stores.on(BoxOffice.builder(), dir).clock(clock).expiryWindow(Duration.ofMinutes(5))
                .processedEventRetention(RETENTION).logRetention(RETENTION).paymentGateway(gateway).build();
        List<Ticket> tickets = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            tickets.add(engine.tickets().create("Show " + i, usd("1" + i), "seller"));
        }
        engine.tickets().update(tickets.get(0).id(), "Show 0, late", usd("12"), "seller");
        engine.tickets().update(tickets.get(0).id(), "Show 0, later", usd("13"), "seller");
        engine.awaitQuiescence(QUIET);
        Order paid = engine.orders().place(tickets.get(0).id(), "ann");
        Order cancelled = engine.orders().place(tickets.get(1).id(), "bob");
        Order expired = engine.orders().place(tickets.get(2).id(), "cid");
        engine.awaitQuiescence(QUIET);
        engine.payments().pay(paid.id(), SimulatedPaymentGateway.VISA, "ann", "k1");
        engine.orders().cancel(cancelled.id(), "bob");
        clock.advance(Duration.ofMinutes(6));
        engine.awaitQuiescence(QUIET);
        Order second = engine.orders().place(tickets.get(1).id(), "dan");
        engine.awaitQuiescence(QUIET);
        engine.payments().pay(second.id(), SimulatedPaymentGateway.VISA, "dan", "k2");
        engine.awaitQuiescence(QUIET);
        assertThat(engine.orders().find(expired.id()).orElseThrow().status().wireName()).isEqualTo("cancelled");
        List<Object> before = state();

        clock.advance(RETENTION.plusSeconds(1));
        Await.until("every inbox record older than the retention pruned", QUIET, () -> {
            try {
                return inboxRecords() == 0;
            } catch (SQLException e) {
                throw new IllegalStateException(e);
            }
        });
        if (stores == Stores.SQLITE) {
            Await.until("the embedded log pruned of what every group acknowledged", QUIET, () -> {
                try {
                    return rows("bus", "messages") == 0;
                } catch (SQLException e) {
                    throw new IllegalStateException(e);
                }
            });
        }

        long republished = engine.outboxes().republishFrom(1);
        assertThat(republished).isPositive();
        engine.awaitQuiescence(QUIET);

        assertThat(inboxRecords()).as("the late duplicates were handled again, not dropped by the inbox").isPositive();
        assertThat(state()).isEqualTo(before);
    }
}
