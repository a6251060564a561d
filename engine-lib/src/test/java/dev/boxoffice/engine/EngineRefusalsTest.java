package dev.boxoffice.engine;

import dev.boxoffice.engine.support.Stores;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.MethodSource;
import static dev.boxoffice.engine.support.EngineFixture.QUIET;
import static dev.boxoffice.engine.support.EngineFixture.usd;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.boxoffice.engine.event.EventLog;
import dev.boxoffice.engine.event.EventQuery;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An embedding developer's bad call is refused one way: a missing or malformed argument is a
 * {@link ValidationException} naming it, and any call after {@code close()} is an {@link IllegalStateException}
 * saying the engine is closed — never a NullPointerException, a "not found" or a storage fault.
 */
@ParameterizedClass
@MethodSource("dev.boxoffice.engine.support.Stores#underTest")
class EngineRefusalsTest {

    @Parameter
    Stores stores;

    private static final String UNKNOWN = "3f0d9a8e-1b2c-4d5e-8f90-123456789abc";

    @TempDir
    Path dir;

    /** Each call, with the argument it gets wrong. */
    private static Map<ThrowingCallable, String> badCalls(BoxOffice engine) {
        Map<ThrowingCallable, String> calls = new LinkedHashMap<>();
        calls.put(() -> engine.tickets().create("T", null, "seller"), "price");
        calls.put(() -> engine.tickets().create("T", usd("1"), null), "userId");
        calls.put(() -> engine.tickets().create("T", usd("1"), " "), "userId");
        calls.put(() -> engine.tickets().update(null, "T", usd("1"), "seller"), "ticketId");
        calls.put(() -> engine.tickets().update("not-an-id", "T", usd("1"), "seller"), "ticketId");
        calls.put(() -> engine.tickets().update(UNKNOWN, "T", null, "seller"), "price");
        calls.put(() -> engine.tickets().find(null), "ticketId");
        calls.put(() -> engine.tickets().get("x"), "ticketId");
        calls.put(() -> engine.tickets().page("x", 10), "afterId");
        calls.put(() -> engine.tickets().page(null, 0), "limit");
        calls.put(() -> engine.orders().place(null, "buyer"), "ticketId");
        calls.put(() -> engine.orders().place("x", "buyer"), "ticketId");
        calls.put(() -> engine.orders().place(UNKNOWN, null), "userId");
        calls.put(() -> engine.orders().place(UNKNOWN, "buyer", " "), "requestKey");
        calls.put(() -> engine.orders().cancel("x", "buyer"), "orderId");
        calls.put(() -> engine.orders().cancel(UNKNOWN, null), "userId");
        calls.put(() -> engine.orders().find(null), "orderId");
        calls.put(() -> engine.orders().getFor(UNKNOWN, ""), "userId");
        calls.put(() -> engine.orders().listFor(null), "userId");
        calls.put(() -> engine.orders().ticketReplica("x"), "ticketId");
        calls.put(() -> engine.payments().pay(null, "tok_visa", "buyer", null), "orderId");
        calls.put(() -> engine.payments().pay(UNKNOWN, null, "buyer", null), "token");
        calls.put(() -> engine.payments().pay(UNKNOWN, "tok_visa", null, null), "userId");
        calls.put(() -> engine.payments().pay(UNKNOWN, "tok_visa", "buyer", ""), "idempotencyKey");
        calls.put(() -> engine.payments().find("x"), "paymentId");
        calls.put(() -> engine.payments().forOrder(null), "orderId");
        calls.put(() -> engine.payments().orderReplica("x"), "orderId");
        calls.put(() -> engine.events().list(null), "query");
        calls.put(() -> engine.events().subscribe(null), "listener");
        calls.put(() -> engine.events().list(new EventQuery(null, null, 0)), "limit");
        calls.put(() -> engine.deadLetters().retry(null), "deadLetterId");
        calls.put(() -> engine.expirations().page("x", 10), "afterOrderId");
        calls.put(() -> engine.expirations().page(null, 0), "limit");
        calls.put(() -> engine.orders().findAll(null), "orderIds");
        calls.put(() -> engine.orders().findAll(List.of(UNKNOWN, "x")), "orderIds");
        calls.put(() -> engine.orders().findAll(Collections.nCopies(1001, UNKNOWN)), "orderIds");
        calls.put(() -> engine.awaitQuiescence(null), "timeout");
        calls.put(() -> Money.of("10", "XYZ"), "currency");
        calls.put(() -> Money.of("10", (String) null), "currency");
        calls.put(() -> Money.of((String) null, "USD"), "price");
        return calls;
    }

    @Test
    void shouldRefuseAMissingOrMalformedArgumentWithAValidationExceptionNamingIt() {
        try (BoxOffice engine = stores.on(BoxOffice.builder(), dir).build()) {
            badCalls(engine).forEach((call, argument) -> assertThatThrownBy(call)
                    .as("the call about %s", argument)
                    .isInstanceOfSatisfying(ValidationException.class, e -> {
                        assertThat(e.field()).isEqualTo(argument);
                        assertThat(e.getMessage()).isNotBlank();
                    }));
            assertThat(engine.tickets().counts().total()).as("nothing stored").isZero();
        }
    }

    @Test
    void shouldRefuseEveryCallAfterCloseAsAClosedEngine() {
        BoxOffice engine = stores.on(BoxOffice.builder(), dir).build();
        var tickets = engine.tickets();
        var orders = engine.orders();
        var payments = engine.payments();
        EventLog events = engine.events();
        String ticketId = tickets.create("Before", usd("3"), "seller").id();
        engine.awaitQuiescence(QUIET);
        engine.close();

        Map<String, ThrowingCallable> calls = new LinkedHashMap<>();
        calls.put("create", () -> tickets.create("After", usd("3"), "seller"));
        calls.put("update", () -> tickets.update(ticketId, "After", usd("3"), "seller"));
        calls.put("find", () -> tickets.find(ticketId));
        calls.put("list", tickets::list);
        calls.put("page", () -> tickets.page(null, 5));
        calls.put("counts", tickets::counts);
        calls.put("place", () -> orders.place(ticketId, "buyer"));
        calls.put("listFor", () -> orders.listFor("buyer"));
        calls.put("countByStatus", orders::countByStatus);
        calls.put("pay", () -> payments.pay(UNKNOWN, "tok_visa", "buyer", null));
        calls.put("payments", payments::list);
        calls.put("expirations", () -> engine.expirations().pending());
        calls.put("expiration page", () -> engine.expirations().page(null, 5));
        calls.put("expiration counts", () -> engine.expirations().counts());
        calls.put("orders by id", () -> orders.findAll(List.of(UNKNOWN)));
        calls.put("events", () -> events.list(EventQuery.all(10)));
        calls.put("subscribe", () -> events.subscribe(e -> { }));
        calls.put("dead letters", () -> engine.deadLetters().list());
        calls.put("dead letter count", () -> engine.deadLetters().count());
        calls.put("replicas", engine::replicas);
        calls.put("await", () -> engine.awaitQuiescence(Duration.ofSeconds(1)));
        calls.forEach((name, call) -> assertThatThrownBy(call).as(name)
                .isExactlyInstanceOf(IllegalStateException.class).hasMessageContaining("closed"));
    }

    @Test
    void shouldStopAListenerWithAHandleWhoseCloseThrowsNothing() {
        try (BoxOffice engine = stores.on(BoxOffice.builder(), dir).build()) {
            java.util.List<String> seen = new java.util.concurrent.CopyOnWriteArrayList<>();
            EventLog.Registration registration = engine.events().subscribe(e -> seen.add(e.subject()));
            engine.tickets().create("Heard", usd("1"), "seller");
            engine.awaitQuiescence(QUIET);
            registration.close(); // no checked exception to handle
            engine.tickets().create("Not heard", usd("1"), "seller");
            engine.awaitQuiescence(QUIET);

            assertThat(seen).containsExactly("ticket:created");
        }
    }
}
