package dev.boxoffice.simulator.chaos;

import com.fasterxml.jackson.databind.JsonNode;
import dev.boxoffice.simulator.chaos.Load.Answer;
import dev.boxoffice.simulator.chaos.Load.User;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads the system from the outside, as an operator: whether it is quiet, and everything the checker needs (the
 * public ticket list, the operator API's orders, payments, replicas and dead letters), page by page.
 */
final class Observer {

    private static final Pattern NEXT = Pattern.compile("^<([^>]*)>");

    private final Load http;
    private final String node;
    private final User operator;

    Observer(Load http, String node, User operator) {
        this.http = http;
        this.node = node;
        this.operator = operator;
    }

    /**
     * Quiet: no order waiting for payment or expiry, no expiry timer pending, no payment halfway, nothing
     * unpublished in any outbox, and no consumer group behind. Null when quiet, else what is still moving.
     */
    String stillMoving() {
        JsonNode stats = get("/api/admin/stats");
        JsonNode byStatus = stats.path("ordersByStatus");
        long open = byStatus.path("created").asLong() + byStatus.path("awaiting:payment").asLong();
        if (open > 0) {
            return open + " orders still open";
        }
        if (stats.path("pendingTimers").asLong() > 0) {
            return stats.path("pendingTimers").asLong() + " expiry timers pending";
        }
        long unpublished = 0;
        for (JsonNode outbox : get("/api/admin/outboxes")) {
            unpublished += outbox.path("unpublished").asLong();
        }
        if (unpublished > 0) {
            return unpublished + " events unpublished";
        }
        long lag = 0;
        for (Iterator<JsonNode> it = get("/api/admin/lag").elements(); it.hasNext(); ) {
            lag += it.next().asLong();
        }
        if (lag > 0) {
            return lag + " deliveries not yet handled";
        }
        for (JsonNode p : all("/api/admin/payments?limit=1000")) {
            String status = p.path("status").asText();
            if (status.equals("authorizing") || status.equals("authorized")) {
                return "payment " + p.path("id").asText() + " still " + status;
            }
        }
        return null;
    }

    Snapshot snapshot() {
        List<Snapshot.Ticket> tickets = new ArrayList<>();
        Map<String, Snapshot.TicketCopy> ticketCopies = new HashMap<>();
        for (JsonNode t : all("/api/tickets?limit=1000")) {
            String id = t.path("id").asText();
            tickets.add(new Snapshot.Ticket(id, t.path("title").asText(), t.path("price").decimalValue(),
                    t.path("userId").asText(), t.path("version").asLong(),
                    t.path("orderId").isNull() ? null : t.path("orderId").asText()));
            Answer copy = http.send("GET", node, "/api/admin/ticket-replicas/" + id, operator, null, null);
            if (copy.status() == 200) {
                JsonNode c = copy.body();
                ticketCopies.put(id, new Snapshot.TicketCopy(c.path("title").asText(), c.path("price").decimalValue(),
                        c.path("userId").asText(), c.path("version").asLong()));
            } else if (copy.status() != 404) {
                throw new IllegalStateException("GET /api/admin/ticket-replicas answered " + copy.status());
            }
        }
        List<Snapshot.Order> orders = new ArrayList<>();
        Map<String, Snapshot.OrderCopy> holds = new HashMap<>();
        Map<String, Snapshot.OrderCopy> payables = new HashMap<>();
        for (JsonNode o : all("/api/admin/orders?limit=1000")) {
            String id = o.path("id").asText();
            orders.add(new Snapshot.Order(id, o.path("ticket").path("id").asText(), o.path("userId").asText(),
                    o.path("status").asText(), o.path("version").asLong()));
            JsonNode copies = get("/api/admin/order-replicas/" + id);
            copy(copies.path("tickets"), id, holds);
            copy(copies.path("payments"), id, payables);
        }
        List<Snapshot.Payment> payments = new ArrayList<>();
        for (JsonNode p : all("/api/admin/payments?limit=1000")) {
            payments.add(new Snapshot.Payment(p.path("id").asText(), p.path("orderId").asText(),
                    p.path("status").asText()));
        }
        List<String> deadLetters = new ArrayList<>();
        get("/api/admin/dead-letters").forEach(d -> deadLetters.add(d.path("reason").asText(null)));
        return new Snapshot(tickets, orders, payments, ticketCopies, holds, payables, deadLetters);
    }

    private static void copy(JsonNode copy, String orderId, Map<String, Snapshot.OrderCopy> into) {
        if (!copy.isMissingNode() && !copy.isNull()) {
            into.put(orderId, new Snapshot.OrderCopy(copy.path("status").asText(), copy.path("version").asLong()));
        }
    }

    JsonNode post(String path, JsonNode body, int expected) {
        Answer a = http.send("POST", node, path, operator, null, body);
        if (a.status() != expected) {
            throw new IllegalStateException("POST " + path + " answered " + a.status() + ": " + a.body());
        }
        return a.body();
    }

    JsonNode get(String path) {
        Answer a = http.send("GET", node, path, operator, null, null);
        if (a.status() != 200) {
            throw new IllegalStateException("GET " + path + " answered " + (a.status() == 0 ? "nothing" : a.status()));
        }
        return a.body();
    }

    /** Every item of a paged list, following its {@code Link} headers. */
    private List<JsonNode> all(String first) {
        List<JsonNode> items = new ArrayList<>();
        String path = first;
        while (path != null) {
            Load.Page page = http.page(node, path, operator);
            page.items().forEach(items::add);
            Matcher next = NEXT.matcher(page.link() == null ? "" : page.link());
            path = next.find() ? next.group(1) : null;
        }
        return items;
    }
}
