package dev.boxoffice.server.admin;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.boxoffice.engine.BoxOffice;
import dev.boxoffice.engine.order.Order;
import dev.boxoffice.engine.order.OrderNotFoundException;
import dev.boxoffice.engine.order.OrderQuery;
import dev.boxoffice.engine.order.OrderStatus;
import dev.boxoffice.engine.payment.OrderReplica;
import dev.boxoffice.engine.payment.Payment;
import dev.boxoffice.engine.ticket.OrderHold;
import dev.boxoffice.server.api.Pages;
import dev.boxoffice.server.api.QueryValues;
import dev.boxoffice.server.api.Views.OrderView;
import dev.boxoffice.server.api.Views.OrderedTicketView;
import dev.boxoffice.server.auth.UserStore;
import dev.boxoffice.server.error.ApiException;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The operator API's records: everyone's orders and payments, a page at a time (oldest first, {@code Link} to the
 * next page), and what each service holds of an order, to compare with the order itself. Operator role only.
 */
@Controller("/api/admin")
@Secured("operator")
@ExecuteOn(TaskExecutors.BLOCKING)
public class RecordsController {

    static final int DEFAULT_PAGE = 100;
    static final int MAX_PAGE = 1000;

    private final BoxOffice engine;
    private final UserStore users;

    public RecordsController(BoxOffice engine, UserStore users) {
        this.engine = engine;
        this.users = users;
    }

    /** An order as the operator sees it: as its buyer does, with the buyer's email. */
    @JsonInclude(JsonInclude.Include.ALWAYS)
    public record OperatorOrderView(String id, String status, String userId, @Nullable String userEmail,
                                    Instant expiresAt, long version, OrderedTicketView ticket) {
        static OperatorOrderView of(OrderView o, @Nullable String email) {
            return new OperatorOrderView(o.id(), o.status(), o.userId(), email, o.expiresAt(), o.version(),
                    o.ticket());
        }
    }

    /**
     * Everyone's orders, filtered by status (its wire name), buyer ({@code userId}, or {@code buyer}: an email) or
     * ticket.
     */
    @Get("/orders")
    public HttpResponse<List<OperatorOrderView>> orders(@Nullable @QueryValue String status,
                                                        @Nullable @QueryValue String userId,
                                                        @Nullable @QueryValue String buyer,
                                                        @Nullable @QueryValue String ticketId,
                                                        @Nullable @QueryValue String after,
                                                        @Nullable @QueryValue String limit) {
        int size = QueryValues.limit(limit, DEFAULT_PAGE, MAX_PAGE);
        String buyerId = blankToNull(userId);
        if (blankToNull(buyer) != null) {
            var account = users.byEmail(buyer.strip().toLowerCase(java.util.Locale.ROOT));
            if (account.isEmpty()) {
                return HttpResponse.ok(List.of());
            }
            buyerId = account.get().id();
        }
        OrderQuery filtered = new OrderQuery(status(status), buyerId, blankToNull(ticketId), null, size + 1);
        List<Order> page = Pages.fetch((afterId, fetched) -> engine.orders().page(filtered.after(afterId, fetched)),
                after, size, "the id of an order");
        Map<String, String> filters = new LinkedHashMap<>();
        filters.put("status", blankToNull(status));
        filters.put("userId", filtered.userId());
        filters.put("ticketId", filtered.ticketId());
        Map<String, String> emails = users.emails(Pages.shown(page, size).stream().map(Order::userId).toList());
        return Pages.of(page, size, o -> OperatorOrderView.of(OrderView.of(o), emails.get(o.userId())),
                OperatorOrderView::id, "/api/admin/orders", filters);
    }

    /**
     * A ticket as the operator sees it: with its seller's email, the order holding it, and where it stands:
     * {@code free}, {@code reserved} (held by an order not paid yet) or {@code sold} (held by a complete order).
     */
    @JsonInclude(JsonInclude.Include.ALWAYS)
    public record OperatorTicketView(String id, String title, BigDecimal price, String userId,
                                     @Nullable String userEmail, long version, @Nullable String orderId,
                                     String status) {
    }

    /** Every ticket, oldest first, paged as {@code /orders}. */
    @Get("/tickets")
    public HttpResponse<List<OperatorTicketView>> tickets(@Nullable @QueryValue String after,
                                                          @Nullable @QueryValue String limit) {
        int size = QueryValues.limit(limit, DEFAULT_PAGE, MAX_PAGE);
        List<dev.boxoffice.engine.ticket.Ticket> page = Pages.fetch(engine.tickets()::page, after, size,
                "the id of a ticket");
        Map<String, String> emails = users.emails(Pages.shown(page, size).stream()
                .map(dev.boxoffice.engine.ticket.Ticket::userId).toList());
        java.util.Set<String> sold = new java.util.HashSet<>();
        engine.orders().findAll(Pages.shown(page, size).stream().map(dev.boxoffice.engine.ticket.Ticket::orderId)
                        .filter(java.util.Objects::nonNull).toList()).stream()
                .filter(o -> o.status() == OrderStatus.COMPLETE).forEach(o -> sold.add(o.id()));
        return Pages.of(page, size, t -> new OperatorTicketView(t.id(), t.title(), t.price().amount(), t.userId(),
                emails.get(t.userId()), t.version(), t.orderId(), t.orderId() == null ? "free"
                        : sold.contains(t.orderId()) ? "sold" : "reserved"), OperatorTicketView::id,
                "/api/admin/tickets", Map.of());
    }

    /** A payment as the operator sees it: whose, for which order, where its money is. */
    @JsonInclude(JsonInclude.Include.ALWAYS)
    public record PaymentRecord(String id, String orderId, String userId, String status, BigDecimal amount,
                                String chargeId, Instant createdAt) {
        static PaymentRecord of(Payment p) {
            return new PaymentRecord(p.id(), p.orderId(), p.userId(), p.status().wireName(), p.amount().amount(),
                    p.chargeId(), p.createdAt());
        }
    }

    /** Every payment, or an order's ({@code orderId}), oldest first. */
    @Get("/payments")
    public HttpResponse<List<PaymentRecord>> payments(@Nullable @QueryValue String orderId,
                                                      @Nullable @QueryValue String after,
                                                      @Nullable @QueryValue String limit) {
        int size = QueryValues.limit(limit, DEFAULT_PAGE, MAX_PAGE);
        if (blankToNull(orderId) != null) {
            return HttpResponse.ok(engine.payments().forOrder(orderId.strip()).stream().map(PaymentRecord::of)
                    .toList());
        }
        List<Payment> page = Pages.fetch(engine.payments()::page, after, size, "the id of a payment");
        return Pages.of(page, size, PaymentRecord::of, PaymentRecord::id, "/api/admin/payments", Map.of());
    }

    /** The tickets service's copy of an order: which ticket it holds, at which status and version. */
    public record HoldView(String ticketId, String status, long version) {
    }

    /** The payments service's copy of an order: who may pay, how much, at which status and version. */
    public record PayableView(String userId, BigDecimal price, String status, long version, Instant expiresAt) {
    }

    /** What the other services hold of an order; a service that has not seen it yet shows null. */
    @JsonInclude(JsonInclude.Include.ALWAYS)
    public record OrderReplicasView(String orderId, @Nullable HoldView tickets, @Nullable PayableView payments) {
    }

    @Get("/order-replicas/{id}")
    public OrderReplicasView orderReplicas(String id) {
        HoldView tickets = engine.tickets().orderReplica(id).map(RecordsController::hold).orElse(null);
        PayableView payments = engine.payments().orderReplica(id).map(RecordsController::payable).orElse(null);
        if (tickets == null && payments == null && engine.orders().find(id).isEmpty()) {
            throw new OrderNotFoundException(id);
        }
        return new OrderReplicasView(id, tickets, payments);
    }

    private static HoldView hold(OrderHold h) {
        return new HoldView(h.ticketId(), h.status().wireName(), h.version());
    }

    private static PayableView payable(OrderReplica r) {
        return new PayableView(r.userId(), r.price().amount(), r.status().wireName(), r.version(), r.expiresAt());
    }

    private static OrderStatus status(@Nullable String wireName) {
        String name = blankToNull(wireName);
        if (name == null) {
            return null;
        }
        try {
            return OrderStatus.fromWireName(name);
        } catch (IllegalArgumentException e) {
            throw ApiException.invalid("status", "status must be one of " + Arrays.stream(OrderStatus.values())
                    .map(OrderStatus::wireName).toList());
        }
    }

    private static String blankToNull(@Nullable String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }
}
