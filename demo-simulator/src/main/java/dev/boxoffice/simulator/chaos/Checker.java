package dev.boxoffice.simulator.chaos;

import dev.boxoffice.simulator.chaos.History.Kind;
import dev.boxoffice.simulator.chaos.History.Op;
import dev.boxoffice.simulator.chaos.History.Outcome;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Holds a chaos run's history against the quiet system's state, invariant by invariant. Pure: it reads what it is
 * given, so a test can feed it a history with a lost write or a double booking and see it reported.
 */
public final class Checker {

    /** How many problems a verdict lists (its count says how many there were). */
    static final int SHOWN = 5;

    /** One invariant's result: a line for the run's output, and the first problems when it does not hold. */
    public record Verdict(String invariant, boolean holds, String detail, int problemCount, List<String> problems) {
        String line() {
            return String.format(Locale.ROOT, "  %s  %s (%s)", holds ? "PASS" : "FAIL", invariant, detail);
        }
    }

    private final Duration restartBound;

    public Checker(Duration restartBound) {
        this.restartBound = restartBound;
    }

    public List<Verdict> check(History history, Snapshot state) {
        return List.of(acknowledgedWrites(history, state), oneHolderPerTicket(state), paymentsMatchOrders(state),
                replicasEqualOwners(state), deadLettersHaveReasons(state), noServerErrorsOutsideOutages(history),
                restartsWithinBound(history));
    }

    /** Every acknowledged write is there, with its effect. */
    Verdict acknowledgedWrites(History history, Snapshot state) {
        Map<String, Snapshot.Ticket> tickets = byId(state.tickets(), Snapshot.Ticket::id);
        Map<String, Snapshot.Order> orders = byId(state.orders(), Snapshot.Order::id);
        Map<String, Snapshot.Payment> payments = byId(state.payments(), Snapshot.Payment::id);
        List<String> problems = new ArrayList<>();
        List<Op> ops = history.ops();
        int acknowledged = 0;
        for (Op op : ops) {
            if (!op.kind().write() || !op.acknowledged()) {
                continue;
            }
            acknowledged++;
            switch (op.kind()) {
                case CREATE_TICKET -> {
                    if (!tickets.containsKey(op.field("ticketId"))) {
                        problems.add("ticket " + op.field("ticketId") + " was created (" + op.status() + ") and is gone");
                    }
                }
                case PLACE_ORDER -> {
                    Snapshot.Order order = orders.get(op.field("orderId"));
                    if (order == null) {
                        problems.add("order " + op.field("orderId") + " was placed (" + op.status() + ") and is gone");
                    } else if (!order.ticketId().equals(op.field("ticketId"))
                            || !order.userId().equals(op.field("userId"))) {
                        problems.add("order " + order.id() + " was placed for ticket " + op.field("ticketId")
                                + " by " + op.field("userId") + " and holds ticket " + order.ticketId() + " of "
                                + order.userId());
                    }
                }
                case CANCEL_ORDER -> {
                    Snapshot.Order order = orders.get(op.field("orderId"));
                    if (order == null || !order.status().equals("cancelled")) {
                        problems.add("order " + op.field("orderId") + " was cancelled (" + op.status() + ") and is "
                                + (order == null ? "gone" : order.status()));
                    }
                }
                case PAY -> {
                    Snapshot.Payment payment = payments.get(op.field("paymentId"));
                    Snapshot.Order order = orders.get(op.field("orderId"));
                    String orderStatus = order == null ? "gone" : order.status();
                    if (payment == null) {
                        problems.add("payment " + op.field("paymentId") + " was made (" + op.status() + ") and is gone");
                    } else if (!(payment.status().equals("captured") && orderStatus.equals("complete"))
                            && !(payment.status().equals("voided") && orderStatus.equals("cancelled"))) {
                        problems.add("payment " + payment.id() + " was made (" + op.status() + ") and is "
                                + payment.status() + " while its order is " + orderStatus);
                    }
                }
                default -> {
                }
            }
        }
        editsTookEffect(ops, tickets, problems);
        return verdict("every acknowledged write is there, with its effect",
                String.format(Locale.ROOT, "%,d acknowledged writes", acknowledged), problems);
    }

    /**
     * A ticket ends with the fields of its last acknowledged edit, or of an edit sent after it whose outcome is not
     * known (each seller edits its tickets one request at a time).
     */
    private static void editsTookEffect(List<Op> ops, Map<String, Snapshot.Ticket> tickets, List<String> problems) {
        Map<String, List<Op>> edits = ops.stream().filter(o -> o.kind() == Kind.EDIT_TICKET)
                .collect(Collectors.groupingBy(o -> o.field("ticketId")));
        for (Map.Entry<String, List<Op>> e : edits.entrySet()) {
            List<Op> sent = e.getValue().stream().sorted(Comparator.comparingLong(Op::startMillis)).toList();
            Op last = null;
            for (Op op : sent) {
                if (op.acknowledged()) {
                    last = op;
                }
            }
            if (last == null) {
                continue;
            }
            Snapshot.Ticket ticket = tickets.get(e.getKey());
            if (ticket == null) {
                problems.add("ticket " + e.getKey() + " was edited (" + last.status() + ") and is gone");
                continue;
            }
            boolean explained = matches(ticket, last);
            for (Op later : sent) {
                if (later.startMillis() > last.startMillis() && (later.outcome() == Outcome.UNKNOWN
                        || later.outcome() == Outcome.FAILED) && matches(ticket, later)) {
                    explained = true;
                }
            }
            if (!explained) {
                problems.add("ticket " + ticket.id() + " was last edited to '" + last.field("title") + "' at "
                        + last.field("price") + " (" + last.status() + ") and is '" + ticket.title() + "' at "
                        + ticket.price().toPlainString());
            }
        }
    }

    private static boolean matches(Snapshot.Ticket ticket, Op edit) {
        return ticket.title().equals(edit.field("title"))
                && ticket.price().compareTo(new BigDecimal(edit.field("price"))) == 0;
    }

    /** No ticket is held by two live orders, and each ticket's holder is the orders service's live order. */
    Verdict oneHolderPerTicket(Snapshot state) {
        Map<String, List<Snapshot.Order>> live = state.orders().stream().filter(o -> !o.status().equals("cancelled"))
                .collect(Collectors.groupingBy(Snapshot.Order::ticketId));
        List<String> problems = new ArrayList<>();
        live.forEach((ticket, holders) -> {
            if (holders.size() > 1) {
                problems.add("ticket " + ticket + " is held by " + holders.size() + " live orders: "
                        + holders.stream().map(Snapshot.Order::id).toList());
            }
        });
        for (Snapshot.Ticket ticket : state.tickets()) {
            List<Snapshot.Order> holders = live.getOrDefault(ticket.id(), List.of());
            String expected = holders.size() == 1 ? holders.get(0).id() : null;
            if (holders.size() <= 1 && !Objects.equals(ticket.orderId(), expected)) {
                problems.add("ticket " + ticket.id() + " names order " + ticket.orderId() + " as its holder; the "
                        + "orders service's live order is " + expected);
            }
        }
        return verdict("no ticket is held by two live orders; each ticket's holder is its live order",
                String.format(Locale.ROOT, "%,d tickets, %,d live orders", state.tickets().size(),
                        live.values().stream().mapToInt(List::size).sum()), problems);
    }

    /** Each complete order has exactly one captured payment, each cancelled order none; no payment left halfway. */
    Verdict paymentsMatchOrders(Snapshot state) {
        Map<String, Long> captured = state.payments().stream().filter(p -> p.status().equals("captured"))
                .collect(Collectors.groupingBy(Snapshot.Payment::orderId, Collectors.counting()));
        List<String> problems = new ArrayList<>();
        int complete = 0;
        int cancelled = 0;
        for (Snapshot.Order order : state.orders()) {
            long n = captured.getOrDefault(order.id(), 0L);
            switch (order.status()) {
                case "complete" -> {
                    complete++;
                    if (n != 1) {
                        problems.add("complete order " + order.id() + " has " + n + " captured payments");
                    }
                }
                case "cancelled" -> {
                    cancelled++;
                    if (n != 0) {
                        problems.add("cancelled order " + order.id() + " has " + n + " captured payment"
                                + (n == 1 ? "" : "s"));
                    }
                }
                default -> {
                    if (n != 0) {
                        problems.add(order.status() + " order " + order.id() + " has " + n + " captured payments");
                    }
                }
            }
        }
        for (Snapshot.Payment p : state.payments()) {
            if (!p.status().equals("captured") && !p.status().equals("voided")) {
                problems.add("payment " + p.id() + " is still " + p.status());
            }
        }
        return verdict("each complete order has one captured payment, each cancelled order none",
                String.format(Locale.ROOT, "%,d complete, %,d cancelled, %,d payments", complete, cancelled,
                        state.payments().size()), problems);
    }

    /** Every replica equals its owner, versions and fields. */
    Verdict replicasEqualOwners(Snapshot state) {
        List<String> problems = new ArrayList<>();
        for (Snapshot.Ticket t : state.tickets()) {
            Snapshot.TicketCopy owner = new Snapshot.TicketCopy(t.title(), t.price(), t.userId(), t.version());
            Snapshot.TicketCopy copy = state.ticketReplicas().get(t.id());
            if (copy == null || !copy.title().equals(owner.title()) || copy.price().compareTo(owner.price()) != 0
                    || !copy.userId().equals(owner.userId()) || copy.version() != owner.version()) {
                problems.add("the orders service's copy of ticket " + t.id() + " is " + copy + ", the ticket " + owner);
            }
        }
        for (Snapshot.Order o : state.orders()) {
            Snapshot.OrderCopy owner = new Snapshot.OrderCopy(o.status(), o.version());
            compare("tickets", o.id(), owner, state.orderHolds().get(o.id()), problems);
            compare("payments", o.id(), owner, state.orderPayables().get(o.id()), problems);
        }
        return verdict("every replica equals its owner",
                String.format(Locale.ROOT, "%,d ticket copies, %,d order copies", state.tickets().size(),
                        2 * state.orders().size()), problems);
    }

    private static void compare(String service, String orderId, Snapshot.OrderCopy owner, Snapshot.OrderCopy copy,
                                List<String> problems) {
        if (!owner.equals(copy)) {
            problems.add("the " + service + " service's copy of order " + orderId + " is " + copy + ", the order "
                    + owner);
        }
    }

    /** No dead letter without a reason. */
    Verdict deadLettersHaveReasons(Snapshot state) {
        List<String> problems = state.deadLetters().stream().filter(r -> r == null || r.isBlank())
                .map(r -> "a dead letter has no reason").toList();
        return verdict("no dead letter without a reason", String.format(Locale.ROOT, "%,d dead letters",
                state.deadLetters().size()), problems);
    }

    /** No 5xx and no connection error except while a process is down; never a 500. */
    Verdict noServerErrorsOutsideOutages(History history) {
        List<String> problems = new ArrayList<>();
        int during = 0;
        for (Op op : history.ops()) {
            if (op.outcome() != Outcome.FAILED && op.outcome() != Outcome.UNKNOWN
                    && op.outcome() != Outcome.UNREACHABLE) {
                continue;
            }
            boolean inOutage = history.duringOutage(op);
            if (inOutage && op.status() != 500) {
                during++;
            } else {
                problems.add(String.format(Locale.ROOT, "%s to %s at %.1f s answered %s%s", op.kind(), op.node(),
                        op.startMillis() / 1000.0, op.outcome() == Outcome.UNREACHABLE ? "connection refused"
                                : op.outcome() == Outcome.UNKNOWN ? "nothing" : op.status(),
                        inOutage ? "" : ", outside any outage"));
            }
        }
        return verdict("no 5xx or connection error outside an outage, never a 500",
                String.format(Locale.ROOT, "%,d during outages", during), problems);
    }

    /** Every restart came back within the bound. */
    Verdict restartsWithinBound(History history) {
        List<String> problems = new ArrayList<>();
        long worst = 0;
        for (History.Kill k : history.kills()) {
            long took = k.recoveryMillis();
            if (took < 0 || took > restartBound.toMillis()) {
                problems.add(k.target() + " killed at " + String.format(Locale.ROOT, "%.1f s", k.killedMillis()
                        / 1000.0) + (took < 0 ? " never came back" : " came back after " + took + " ms"));
            }
            worst = Math.max(worst, took);
        }
        return verdict("every restart came back within " + restartBound.toSeconds() + " s",
                String.format(Locale.ROOT, "%d restarts, slowest %.1f s", history.kills().size(), worst / 1000.0),
                problems);
    }

    private static Verdict verdict(String invariant, String detail, List<String> problems) {
        return new Verdict(invariant, problems.isEmpty(), detail, problems.size(),
                List.copyOf(problems.subList(0, Math.min(SHOWN, problems.size()))));
    }

    private static <T> Map<String, T> byId(List<T> items, Function<T, String> id) {
        Map<String, T> map = new HashMap<>();
        items.forEach(i -> map.put(id.apply(i), i));
        return map;
    }
}
