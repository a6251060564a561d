package dev.boxoffice.engine.internal.order;

import dev.boxoffice.engine.internal.Arguments;
import dev.boxoffice.engine.store.StoredTimes;
import dev.boxoffice.engine.NotOwnerException;
import dev.boxoffice.engine.ValidationException;
import dev.boxoffice.engine.event.EventEnvelope;
import dev.boxoffice.engine.event.OrderCancelled;
import dev.boxoffice.engine.event.ExpirationComplete;
import dev.boxoffice.engine.event.OrderCompleted;
import dev.boxoffice.engine.event.OrderCreated;
import dev.boxoffice.engine.event.PaymentCreated;
import dev.boxoffice.engine.event.Subject;
import dev.boxoffice.engine.event.TicketCreated;
import dev.boxoffice.engine.event.TicketUpdated;
import dev.boxoffice.engine.internal.messaging.EventHandler;
import dev.boxoffice.engine.internal.messaging.ReplicaVersions;
import dev.boxoffice.engine.internal.messaging.ServiceDatabase;
import dev.boxoffice.engine.internal.messaging.Snapshots;
import dev.boxoffice.engine.internal.storage.Json;
import dev.boxoffice.engine.internal.storage.Rows;
import dev.boxoffice.engine.order.Order;
import dev.boxoffice.engine.order.OrderNotCancellableException;
import dev.boxoffice.engine.order.OrderNotFoundException;
import dev.boxoffice.engine.order.OrderQuery;
import dev.boxoffice.engine.order.OrderStatus;
import dev.boxoffice.engine.order.Orders;
import dev.boxoffice.engine.order.TicketAlreadyReservedException;
import dev.boxoffice.engine.order.TicketReplica;
import dev.boxoffice.engine.ticket.TicketNotFoundException;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.statement.StatementContext;
import org.jdbi.v3.core.statement.Update;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The orders service. It owns {@code orders} and keeps a versioned replica of tickets ({@code ticket_replica}).
 * Several instances of its consumer handle ticket events at once; the replica's version check keeps them from
 * overwriting newer data.
 */
public final class OrderService implements Orders, EventHandler {

    /** The events this service consumes. */
    public static final Set<Subject> SUBSCRIBES_TO = Set.of(Subject.TICKET_CREATED, Subject.TICKET_UPDATED,
            Subject.TICKET_SNAPSHOT, Subject.ORDER_RESYNC_REQUESTED, Subject.EXPIRATION_COMPLETE,
            Subject.PAYMENT_CREATED);

    private static final Logger LOG = LoggerFactory.getLogger(OrderService.class);

    /**
     * Whether a live order holds the ticket {@code :id}, in SQL. The status is in the text, as the partial unique
     * index {@code one_active_order_per_ticket} says it, so that the index answers.
     */
    private static final String HELD = "EXISTS (SELECT 1 FROM orders WHERE ticket_id = :id AND status <> 'cancelled')";

    /** A ticket's row in the replica, as {@link #bindTicket} binds it. */
    private static final String INSERT_TICKET = "INSERT INTO ticket_replica (id, title, price_minor, currency, "
            + "user_id, version) VALUES (:id, :title, :price, :currency, :userId, :version)";

    /** The replica's row for a ticket, whatever version it held. */
    private static final String UPSERT_TICKET = INSERT_TICKET + " ON CONFLICT (id) DO UPDATE "
            + "SET title = excluded.title, price_minor = excluded.price_minor, currency = excluded.currency, "
            + "user_id = excluded.user_id, version = excluded.version";

    private final ServiceDatabase db;
    private final Clock clock;
    private final Duration expiryWindow;
    private final boolean versioned;
    private final ReplicaVersions ticketVersions;

    /** @param versioned false turns the replica's version check off (demonstrations only) */
    public OrderService(ServiceDatabase db, Clock clock, Duration expiryWindow, boolean versioned) {
        this.db = db;
        this.clock = clock;
        this.ticketVersions = new ReplicaVersions("ticket", "ticket_replica", "id");
        this.expiryWindow = expiryWindow;
        this.versioned = versioned;
    }

    @Override
    public Order place(String ticketId, String userId, String requestKey) {
        Arguments.id("ticketId", ticketId);
        Arguments.text("userId", userId);
        Arguments.optionalText("requestKey", requestKey);
        // A ticket a live order holds (the usual case in a rush for one) is refused on a read, without joining the
        // writers: the command checks again in its transaction, so a ticket freed since is still taken there.
        if (db.read(h -> isHeld(h, ticketId) && earlier(h, userId, requestKey).isEmpty())) {
            throw new TicketAlreadyReservedException(ticketId);
        }
        return db.command(h -> {
            Optional<Order> earlier = earlier(h, userId, requestKey);
            if (earlier.isPresent()) {
                return earlier.get();
            }
            Held found = held(h, ticketId);
            if (found.held()) {
                throw new TicketAlreadyReservedException(ticketId);
            }
            TicketReplica ticket = found.ticket();
            Order order = new Order(UUID.randomUUID().toString(), OrderStatus.CREATED, userId,
                    clock.instant().plus(expiryWindow), 0,
                    new Order.OrderedTicket(ticket.id(), ticket.title(), ticket.price()));
            // The partial unique index admits one live order per ticket: of concurrent attempts (in any process) that
            // all found it free, one inserts.
            int inserted = h.createUpdate("INSERT INTO orders (id, ticket_id, ticket_title, price_minor, currency, "
                            + "user_id, status, version, expires_at, request_key) VALUES (:id, :ticketId, :title, "
                            + ":price, :currency, :userId, :status, 0, :expiresAt, :requestKey) ON CONFLICT DO NOTHING")
                    .bind("id", order.id())
                    .bind("ticketId", ticket.id())
                    .bind("title", ticket.title())
                    .bind("price", ticket.price().minorUnits())
                    .bind("currency", ticket.price().currency().getCurrencyCode())
                    .bind("userId", userId)
                    .bind("status", OrderStatus.CREATED.wireName())
                    .bind("expiresAt", StoredTimes.format(order.expiresAt()))
                    .bind("requestKey", requestKey)
                    .execute();
            if (inserted == 0) {
                throw new TicketAlreadyReservedException(ticketId);
            }
            db.outbox().append(h, Subject.ORDER_CREATED, order.id(), 0, createdPayload(order),
                    UUID.randomUUID().toString());
            return order;
        });
    }

    /** The ticket, and whether a live order holds it; {@link TicketNotFoundException} if there is none. */
    private static Held held(Handle h, String ticketId) {
        return h.createQuery("SELECT r.*, " + HELD + " AS held FROM ticket_replica r WHERE r.id = :id")
                .bind("id", ticketId)
                .map((rs, ctx) -> new Held(mapReplica(rs, ctx), rs.getBoolean("held")))
                .findOne().orElseThrow(() -> new TicketNotFoundException(ticketId));
    }

    /**
     * Whether a live order holds the ticket: only that, not the replica's row (a ticket not there is not held; the
     * command then says it is not found).
     */
    private static boolean isHeld(Handle h, String ticketId) {
        return h.createQuery("SELECT " + HELD)
                .bind("id", ticketId).mapTo(Boolean.class).one();
    }

    /** The order {@code userId} placed earlier with {@code requestKey}, if any (none without a key). */
    private static Optional<Order> earlier(Handle h, String userId, String requestKey) {
        if (requestKey == null) {
            return Optional.empty();
        }
        return h.createQuery("SELECT * FROM orders WHERE user_id = :u AND request_key = :k")
                .bind("u", userId).bind("k", requestKey).map(OrderService::mapOrder).findOne();
    }

    @Override
    public Order cancel(String orderId, String userId) {
        Arguments.id("orderId", orderId);
        Arguments.text("userId", userId);
        return db.command(h -> {
            Order order = loadForChange(h, orderId).orElseThrow(() -> new OrderNotFoundException(orderId));
            if (!order.userId().equals(userId)) {
                throw new NotOwnerException("order", orderId, userId);
            }
            if (order.status() == OrderStatus.CANCELLED) {
                return order;
            }
            if (order.status() == OrderStatus.COMPLETE) {
                throw new OrderNotCancellableException(orderId, order.status());
            }
            return markCancelled(h, order, UUID.randomUUID().toString());
        });
    }

    /**
     * The one place an order's fate is decided: cancelled (by its buyer or by expiry) or complete (by a
     * payment), each from {@code created} only, in a transaction of this service. Whichever comes first wins;
     * the other finds the order final and does nothing.
     */
    private Order markCancelled(Handle h, Order order, String correlationId) {
        Order cancelled = new Order(order.id(), OrderStatus.CANCELLED, order.userId(), order.expiresAt(),
                order.version() + 1, order.ticket());
        h.createUpdate("UPDATE orders SET status = :status, version = :version WHERE id = :id")
                .bind("status", OrderStatus.CANCELLED.wireName())
                .bind("version", cancelled.version())
                .bind("id", order.id())
                .execute();
        db.outbox().append(h, Subject.ORDER_CANCELLED, order.id(), cancelled.version(),
                new OrderCancelled(order.id(), cancelled.version(), new OrderCancelled.TicketRef(order.ticket().id())),
                correlationId);
        return cancelled;
    }

    private Result expire(Handle h, EventEnvelope event) {
        String orderId = Json.read(event.payload(), ExpirationComplete.class).orderId();
        Optional<Order> order = loadForChange(h, orderId);
        if (order.isEmpty() || order.get().status() != OrderStatus.CREATED) {
            return Result.DUPLICATE;
        }
        markCancelled(h, order.get(), event.correlationId());
        return Result.APPLIED;
    }

    private Result complete(Handle h, EventEnvelope event) {
        PaymentCreated payment = Json.read(event.payload(), PaymentCreated.class);
        Optional<Order> found = loadForChange(h, payment.orderId());
        if (found.isEmpty() || found.get().status() != OrderStatus.CREATED) {
            LOG.info("Payment {} arrived for order {} which is {}; its charge will be released", payment.id(),
                    payment.orderId(), found.map(o -> o.status().wireName()).orElse("unknown"));
            return Result.DUPLICATE;
        }
        Order order = found.get();
        long version = order.version() + 1;
        h.createUpdate("UPDATE orders SET status = :status, version = :version, payment_id = :payment WHERE id = :id")
                .bind("status", OrderStatus.COMPLETE.wireName())
                .bind("version", version)
                .bind("payment", payment.id())
                .bind("id", order.id())
                .execute();
        db.outbox().append(h, Subject.ORDER_COMPLETED, order.id(), version,
                new OrderCompleted(order.id(), version, new OrderCompleted.TicketRef(order.ticket().id()),
                        payment.id()),
                event.correlationId());
        return Result.APPLIED;
    }

    @Override
    public Optional<Order> find(String orderId) {
        Arguments.id("orderId", orderId);
        return db.read(h -> load(h, orderId));
    }

    @Override
    public List<Order> findAll(Collection<String> orderIds) {
        Arguments.present("orderIds", orderIds);
        if (orderIds.size() > MAX_FIND_ALL) {
            throw new ValidationException("orderIds", "orderIds must hold at most " + MAX_FIND_ALL + " ids, held "
                    + orderIds.size());
        }
        orderIds.forEach(id -> Arguments.id("orderIds", id));
        if (orderIds.isEmpty()) {
            return List.of();
        }
        return db.read(h -> h.createQuery("SELECT * FROM orders WHERE id " + db.dialect().inJsonArray("ids"))
                .bind("ids", Json.write(new LinkedHashSet<>(orderIds)))
                .map(OrderService::mapOrder).list());
    }

    @Override
    public Order getFor(String orderId, String userId) {
        Arguments.text("userId", userId);
        Order order = find(orderId).orElseThrow(() -> new OrderNotFoundException(orderId));
        if (!order.userId().equals(userId)) {
            throw new NotOwnerException("order", orderId, userId);
        }
        return order;
    }

    @Override
    public List<Order> listFor(String userId) {
        Arguments.text("userId", userId);
        return db.read(h -> h.createQuery("SELECT * FROM orders WHERE user_id = :u ORDER BY rowid")
                .bind("u", userId).map(OrderService::mapOrder).list());
    }

    @Override
    public List<Order> page(OrderQuery query) {
        Arguments.optionalId("afterId", query.afterId());
        StringBuilder sql = new StringBuilder("SELECT * FROM orders WHERE rowid > :after");
        if (query.status() != null) {
            sql.append(" AND status = :status");
        }
        if (query.userId() != null) {
            sql.append(" AND user_id = :user");
        }
        if (query.ticketId() != null) {
            sql.append(" AND ticket_id = :ticket");
        }
        sql.append(" ORDER BY rowid LIMIT :limit");
        return db.read(h -> {
            long after = query.afterId() == null ? 0 : h.createQuery("SELECT rowid FROM orders WHERE id = :id")
                    .bind("id", query.afterId()).mapTo(Long.class).findOne()
                    .orElseThrow(() -> new OrderNotFoundException(query.afterId()));
            var select = h.createQuery(sql.toString()).bind("after", after).bind("limit", query.limit());
            if (query.status() != null) {
                select.bind("status", query.status().wireName());
            }
            if (query.userId() != null) {
                select.bind("user", query.userId());
            }
            if (query.ticketId() != null) {
                select.bind("ticket", query.ticketId());
            }
            return select.map(OrderService::mapOrder).list();
        });
    }

    @Override
    public java.util.Map<OrderStatus, Long> countByStatus() {
        java.util.Map<OrderStatus, Long> counts = new java.util.EnumMap<>(OrderStatus.class);
        for (OrderStatus status : OrderStatus.values()) {
            counts.put(status, 0L);
        }
        db.read(h -> h.createQuery("SELECT status, count(*) AS n FROM orders GROUP BY status")
                .map((rs, ctx) -> counts.put(OrderStatus.fromWireName(rs.getString("status")), rs.getLong("n")))
                .list());
        return counts;
    }

    @Override
    public Optional<TicketReplica> ticketReplica(String ticketId) {
        Arguments.id("ticketId", ticketId);
        return db.read(h -> loadReplica(h, ticketId));
    }

    @Override
    public List<TicketReplica> ticketReplicas() {
        return db.read(h -> h.createQuery("SELECT * FROM ticket_replica ORDER BY rowid")
                .map(OrderService::mapReplica).list());
    }

    @Override
    public Result handle(Handle h, EventEnvelope event) {
        Subject subject = EventHandler.subjectOf(event);
        return switch (subject) {
            case TICKET_CREATED -> {
                TicketCreated t = Json.read(event.payload(), TicketCreated.class);
                yield applyTicket(h, new TicketReplica(t.id(), t.title(), t.price(), t.userId(), t.version()), false);
            }
            case TICKET_UPDATED, TICKET_SNAPSHOT -> {
                TicketUpdated t = Json.read(event.payload(), TicketUpdated.class);
                yield applyTicket(h, new TicketReplica(t.id(), t.title(), t.price(), t.userId(), t.version()),
                        subject == Subject.TICKET_SNAPSHOT);
            }
            case EXPIRATION_COMPLETE -> expire(h, event);
            case PAYMENT_CREATED -> complete(h, event);
            case ORDER_RESYNC_REQUESTED -> Snapshots.answer(db, h, event, Subject.ORDER_SNAPSHOT,
                    id -> load(h, id), Order::version, OrderService::createdPayload);
            default -> throw new IllegalArgumentException("The orders service does not handle " + subject);
        };
    }

    /** The replica's version check drops a ticket event delivered again (unless it is turned off). */
    @Override
    public boolean dropsDuplicatesItself(Subject subject) {
        return versioned && (subject == Subject.TICKET_CREATED || subject == Subject.TICKET_UPDATED
                || subject == Subject.TICKET_SNAPSHOT);
    }

    /**
     * The versioned-replica rule: apply the next version, drop an old one, refuse one from the future. A
     * snapshot (the owner's current state, sent for a gap repair) may jump ahead. One conditional write in the
     * usual case ({@link ReplicaVersions#apply}).
     */
    private Result applyTicket(Handle h, TicketReplica incoming, boolean snapshot) {
        if (!versioned) {
            bindTicket(h.createUpdate(UPSERT_TICKET), incoming).execute();
            return Result.APPLIED;
        }
        return ticketVersions.apply(h, incoming.id(), incoming.version(), snapshot,
                () -> writeNextVersion(h, incoming, snapshot)) ? Result.APPLIED : Result.DUPLICATE;
    }

    /**
     * Writes the incoming ticket if the replica holds the version before it (for version 0: no row), or for a
     * snapshot any older version; returns the rows written, 0 or 1.
     */
    private static int writeNextVersion(Handle h, TicketReplica incoming, boolean snapshot) {
        String sql = switch (ReplicaVersions.Write.of(incoming.version(), snapshot)) {
            case SNAPSHOT -> UPSERT_TICKET + " WHERE ticket_replica.version < excluded.version";
            case FIRST -> INSERT_TICKET + " ON CONFLICT (id) DO NOTHING";
            case NEXT -> "UPDATE ticket_replica SET title = :title, price_minor = :price, currency = :currency, "
                    + "user_id = :userId, version = :version WHERE id = :id AND version = :version - 1";
        };
        return bindTicket(h.createUpdate(sql), incoming).execute();
    }

    private static Update bindTicket(Update update, TicketReplica ticket) {
        return update.bind("id", ticket.id())
                .bind("title", ticket.title())
                .bind("price", ticket.price().minorUnits())
                .bind("currency", ticket.price().currency().getCurrencyCode())
                .bind("userId", ticket.userId())
                .bind("version", ticket.version());
    }

    /** A ticket of the replica, and whether a live order holds it. */
    private record Held(TicketReplica ticket, boolean held) {
    }

    private static OrderCreated createdPayload(Order order) {
        return new OrderCreated(order.id(), order.version(), order.status().wireName(), order.userId(),
                order.expiresAt(), new OrderCreated.TicketRef(order.ticket().id(), order.ticket().price()));
    }

    /** {@link #load}, holding the row against other writers (other processes) until the transaction ends. */
    private Optional<Order> loadForChange(Handle h, String orderId) {
        return load(h, orderId, db.dialect().forUpdate());
    }

    private static Optional<Order> load(Handle h, String orderId) {
        return load(h, orderId, "");
    }

    /** @param lock {@code ""}, or the dialect's {@code FOR UPDATE} where the transaction changes what it read */
    private static Optional<Order> load(Handle h, String orderId, String lock) {
        return h.createQuery("SELECT * FROM orders WHERE id = :id" + lock).bind("id", orderId)
                .map(OrderService::mapOrder).findOne();
    }

    private static Optional<TicketReplica> loadReplica(Handle h, String ticketId) {
        return h.createQuery("SELECT * FROM ticket_replica WHERE id = :id").bind("id", ticketId)
                .map(OrderService::mapReplica).findOne();
    }

    private static Order mapOrder(ResultSet rs, StatementContext ctx) throws SQLException {
        return new Order(rs.getString("id"), OrderStatus.fromWireName(rs.getString("status")),
                rs.getString("user_id"), Instant.parse(rs.getString("expires_at")), rs.getLong("version"),
                new Order.OrderedTicket(rs.getString("ticket_id"), rs.getString("ticket_title"), Rows.money(rs)));
    }

    private static TicketReplica mapReplica(ResultSet rs, StatementContext ctx) throws SQLException {
        return new TicketReplica(rs.getString("id"), rs.getString("title"), Rows.money(rs), rs.getString("user_id"),
                rs.getLong("version"));
    }

}
