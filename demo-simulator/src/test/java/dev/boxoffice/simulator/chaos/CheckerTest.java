package dev.boxoffice.simulator.chaos;

import static org.assertj.core.api.Assertions.assertThat;

import dev.boxoffice.simulator.chaos.Checker.Verdict;
import dev.boxoffice.simulator.chaos.History.Kind;
import dev.boxoffice.simulator.chaos.History.Op;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The checker on made-up histories: a consistent one passes, and each kind of broken one (a lost write, a double
 * booking, a double capture, a stale replica, a 500, a restart that never came back) is reported by its invariant.
 */
class CheckerTest {

    private static final String TICKET = "t1";
    private static final String ORDER = "o1";
    private static final String PAYMENT = "p1";

    private final Checker checker = new Checker(Duration.ofSeconds(60));
    private final History history = new History();

    // a consistent run: a ticket created and edited, an order placed and paid, another placed and cancelled
    private final List<Snapshot.Ticket> tickets = new ArrayList<>(List.of(
            new Snapshot.Ticket(TICKET, "Late show", new BigDecimal("12.50"), "seller", 2, ORDER),
            new Snapshot.Ticket("t2", "Matinee", new BigDecimal("8.00"), "seller", 2, null)));
    private final List<Snapshot.Order> orders = new ArrayList<>(List.of(
            new Snapshot.Order(ORDER, TICKET, "ann", "complete", 1),
            new Snapshot.Order("o2", "t2", "bob", "cancelled", 1)));
    private final List<Snapshot.Payment> payments = new ArrayList<>(List.of(
            new Snapshot.Payment(PAYMENT, ORDER, "captured")));
    private final Map<String, Snapshot.TicketCopy> ticketCopies = new HashMap<>(Map.of(
            TICKET, new Snapshot.TicketCopy("Late show", new BigDecimal("12.5"), "seller", 2),
            "t2", new Snapshot.TicketCopy("Matinee", new BigDecimal("8"), "seller", 2)));
    private final Map<String, Snapshot.OrderCopy> holds = new HashMap<>(Map.of(
            ORDER, new Snapshot.OrderCopy("complete", 1), "o2", new Snapshot.OrderCopy("cancelled", 1)));
    private final Map<String, Snapshot.OrderCopy> payables = new HashMap<>(holds);
    private final List<String> deadLetters = new ArrayList<>();

    CheckerTest() {
        op(Kind.CREATE_TICKET, 201, 0, Map.of("ticketId", TICKET, "title", "Show", "price", "10"));
        op(Kind.EDIT_TICKET, 200, 100, Map.of("ticketId", TICKET, "title", "Late show", "price", "12.50"));
        op(Kind.PLACE_ORDER, 201, 200, Map.of("orderId", ORDER, "ticketId", TICKET, "userId", "ann"));
        op(Kind.PAY, 201, 300, Map.of("paymentId", PAYMENT, "orderId", ORDER));
        op(Kind.PLACE_ORDER, 201, 400, Map.of("orderId", "o2", "ticketId", "t2", "userId", "bob"));
        op(Kind.CANCEL_ORDER, 200, 500, Map.of("orderId", "o2"));
        op(Kind.PLACE_ORDER, 400, 600, Map.of("ticketId", TICKET, "userId", "bob"));
    }

    private void op(Kind kind, int status, long at, Map<String, String> fields) {
        history.record(new Op(kind, "http://node-1", at, at + 5, status, fields));
    }

    private List<Verdict> check() {
        return checker.check(history, new Snapshot(tickets, orders, payments, ticketCopies, holds, payables,
                deadLetters));
    }

    private Verdict verdict(String invariant) {
        return check().stream().filter(v -> v.invariant().startsWith(invariant)).findFirst().orElseThrow();
    }

    @Test
    void shouldPassAConsistentRun() {
        assertThat(check()).allSatisfy(v -> assertThat(v.holds()).as(v.line()).isTrue()).hasSize(7);
    }

    @Test
    void shouldReportALostOrder() {
        orders.remove(1);
        holds.remove("o2");
        payables.remove("o2");

        Verdict v = verdict("every acknowledged write");
        assertThat(v.holds()).isFalse();
        assertThat(v.problems()).anyMatch(p -> p.contains("order o2 was placed (201) and is gone"));
    }

    @Test
    void shouldReportALostEdit_butNotOneExplainedByALaterEditWithoutAnAnswer() {
        tickets.set(0, new Snapshot.Ticket(TICKET, "Show", new BigDecimal("10"), "seller", 1, ORDER));
        ticketCopies.put(TICKET, new Snapshot.TicketCopy("Show", new BigDecimal("10"), "seller", 1));
        assertThat(verdict("every acknowledged write").problems())
                .anyMatch(p -> p.contains("last edited to 'Late show'"));

        tickets.set(0, new Snapshot.Ticket(TICKET, "Encore", new BigDecimal("15"), "seller", 3, ORDER));
        ticketCopies.put(TICKET, new Snapshot.TicketCopy("Encore", new BigDecimal("15"), "seller", 3));
        op(Kind.EDIT_TICKET, History.NO_ANSWER, 150, Map.of("ticketId", TICKET, "title", "Encore", "price", "15"));
        history.record(new History.Kill("node", "node-1", 140, 160, 900, ""));
        assertThat(verdict("every acknowledged write").holds()).isTrue();
    }

    @Test
    void shouldReportALostCancellationAndAPaymentWithoutItsEffect() {
        orders.set(1, new Snapshot.Order("o2", "t2", "bob", "created", 0));
        payments.set(0, new Snapshot.Payment(PAYMENT, ORDER, "voided"));

        Verdict v = verdict("every acknowledged write");
        assertThat(v.problems()).anyMatch(p -> p.contains("order o2 was cancelled (200) and is created"))
                .anyMatch(p -> p.contains("payment p1 was made (201) and is voided while its order is complete"));
    }

    @Test
    void shouldReportADoubleBooking() {
        orders.add(new Snapshot.Order("o3", TICKET, "bob", "created", 0));

        Verdict v = verdict("no ticket is held by two live orders");
        assertThat(v.holds()).isFalse();
        assertThat(v.problems()).anyMatch(p -> p.contains("ticket t1 is held by 2 live orders"));
    }

    @Test
    void shouldReportATicketWhoseHolderIsNotItsLiveOrder() {
        tickets.set(1, new Snapshot.Ticket("t2", "Matinee", new BigDecimal("8.00"), "seller", 2, "o2"));

        assertThat(verdict("no ticket is held by two live orders").problems())
                .anyMatch(p -> p.contains("ticket t2 names order o2 as its holder; the orders service's live order "
                        + "is null"));
    }

    @Test
    void shouldReportADoubleCapture_aCaptureForACancelledOrder_andAPaymentLeftHalfway() {
        payments.add(new Snapshot.Payment("p2", ORDER, "captured"));
        payments.add(new Snapshot.Payment("p3", "o2", "captured"));
        payments.add(new Snapshot.Payment("p4", "o2", "authorizing"));

        Verdict v = verdict("each complete order has one captured payment");
        assertThat(v.holds()).isFalse();
        assertThat(v.problems()).anyMatch(p -> p.contains("complete order o1 has 2 captured payments"))
                .anyMatch(p -> p.contains("cancelled order o2 has 1 captured payment"))
                .anyMatch(p -> p.contains("payment p4 is still authorizing"));
    }

    @Test
    void shouldReportAReplicaBehindItsOwner() {
        ticketCopies.put(TICKET, new Snapshot.TicketCopy("Show", new BigDecimal("10"), "seller", 0));
        payables.put("o2", new Snapshot.OrderCopy("created", 0));
        holds.remove(ORDER);

        Verdict v = verdict("every replica equals its owner");
        assertThat(v.problemCount()).isEqualTo(3);
        assertThat(v.problems()).anyMatch(p -> p.startsWith("the orders service's copy of ticket t1"))
                .anyMatch(p -> p.startsWith("the payments service's copy of order o2"))
                .anyMatch(p -> p.startsWith("the tickets service's copy of order o1 is null"));
    }

    @Test
    void shouldReportADeadLetterWithoutAReason() {
        deadLetters.add("handler failed 5 times: boom");
        assertThat(verdict("no dead letter").holds()).isTrue();

        deadLetters.add(" ");
        assertThat(verdict("no dead letter").holds()).isFalse();
    }

    @Test
    void shouldAllowErrorsOnlyDuringAnOutage_andNeverA500() {
        history.record(new History.Kill("node", "node-1", 1_000, 2_000, 5_000, ""));
        op(Kind.PLACE_ORDER, History.REFUSED, 1_500, Map.of());
        op(Kind.PLACE_ORDER, 503, 4_000, Map.of());
        assertThat(verdict("no 5xx").holds()).isTrue();

        op(Kind.PAY, 500, 3_000, Map.of());
        op(Kind.PAY, 503, 9_000, Map.of());
        op(Kind.PAY, History.NO_ANSWER, 20_000, Map.of());
        Verdict v = verdict("no 5xx");
        assertThat(v.problemCount()).isEqualTo(3);
        assertThat(v.detail()).isEqualTo("2 during outages");
    }

    @Test
    void shouldReportARestartThatNeverCameBackOrCameBackTooLate() {
        history.record(new History.Kill("postgres", "postgres", 1_000, 2_000, 10_000, ""));
        assertThat(verdict("every restart came back").holds()).isTrue();

        history.record(new History.Kill("node", "node-2", 20_000, 21_000, -1, ""));
        history.record(new History.Kill("node", "node-1", 30_000, 31_000, 95_000, ""));
        Verdict v = verdict("every restart came back");
        assertThat(v.problems()).containsExactly("node-2 killed at 20.0 s never came back",
                "node-1 killed at 30.0 s came back after 64000 ms");
    }
}
