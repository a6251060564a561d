package dev.boxoffice.engine.internal.ticket;

import dev.boxoffice.engine.internal.Arguments;
import dev.boxoffice.engine.Money;
import dev.boxoffice.engine.NotOwnerException;
import dev.boxoffice.engine.event.EventEnvelope;
import dev.boxoffice.engine.event.Subject;
import dev.boxoffice.engine.event.TicketCreated;
import dev.boxoffice.engine.event.TicketUpdated;
import dev.boxoffice.engine.internal.messaging.EventHandler;
import dev.boxoffice.engine.internal.messaging.OrderChange;
import dev.boxoffice.engine.internal.messaging.ReplicaVersions;
import dev.boxoffice.engine.internal.messaging.ServiceDatabase;
import dev.boxoffice.engine.internal.messaging.Snapshots;
import dev.boxoffice.engine.internal.storage.Rows;
import dev.boxoffice.engine.order.OrderStatus;
import dev.boxoffice.engine.ticket.OrderHold;
import dev.boxoffice.engine.ticket.Ticket;
import dev.boxoffice.engine.ticket.TicketNotFoundException;
import dev.boxoffice.engine.ticket.TicketReservedException;
import dev.boxoffice.engine.ticket.Tickets;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.statement.Update;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The tickets service. It owns {@code tickets} and keeps a versioned replica of orders ({@code order_replica}),
 * from which it derives which order, if any, holds each ticket.
 */
public final class TicketService implements Tickets, EventHandler {

    /** The events this service consumes. */
    public static final Set<Subject> SUBSCRIBES_TO = Set.of(Subject.ORDER_CREATED, Subject.ORDER_CANCELLED,
            Subject.ORDER_COMPLETED, Subject.ORDER_SNAPSHOT, Subject.TICKET_RESYNC_REQUESTED);

    private static final Logger LOG = LoggerFactory.getLogger(TicketService.class);

    private static final String INSERT_ORDER = "INSERT INTO order_replica (id, ticket_id, status, version) "
            + "VALUES (:id, :ticket, :status, :v)";

    private final ServiceDatabase db;
    private final ReplicaVersions orderVersions;

    public TicketService(ServiceDatabase db) {
        this.db = db;
        this.orderVersions = new ReplicaVersions("order", "order_replica", "id");
    }

    @Override
    public Ticket create(String title, Money price, String userId) {
        String cleanTitle = Ticket.validTitle(title);
        Arguments.present("price", price);
        Arguments.text("userId", userId);
        Ticket ticket = new Ticket(UUID.randomUUID().toString(), cleanTitle, price, userId, 0, null);
        return db.command(h -> {
            h.createUpdate("INSERT INTO tickets (id, title, price_minor, currency, user_id, version, order_id) "
                            + "VALUES (:id, :title, :price, :currency, :userId, 0, NULL)")
                    .bind("id", ticket.id())
                    .bind("title", ticket.title())
                    .bind("price", price.minorUnits())
                    .bind("currency", price.currency().getCurrencyCode())
                    .bind("userId", userId)
                    .execute();
            db.outbox().append(h, Subject.TICKET_CREATED, ticket.id(), 0,
                    new TicketCreated(ticket.id(), 0, ticket.title(), price, userId), UUID.randomUUID().toString());
            return ticket;
        });
    }

    @Override
    public Ticket update(String ticketId, String title, Money price, String userId) {
        Arguments.id("ticketId", ticketId);
        String cleanTitle = Ticket.validTitle(title);
        Arguments.present("price", price);
        Arguments.text("userId", userId);
        return db.command(h -> {
            // the usual edit (the seller's own ticket, not held) is one statement; any other reads the ticket first
            Optional<Long> version = h.createQuery("UPDATE tickets SET title = :title, price_minor = :price, "
                            + "currency = :currency, version = version + 1 "
                            + "WHERE id = :id AND user_id = :userId AND order_id IS NULL RETURNING version")
                    .bind("id", ticketId)
                    .bind("title", cleanTitle)
                    .bind("price", price.minorUnits())
                    .bind("currency", price.currency().getCurrencyCode())
                    .bind("userId", userId)
                    .map(Rows.FIRST_LONG)
                    .findOne();
            if (version.isEmpty()) {
                return editAfterReading(h, ticketId, cleanTitle, price, userId);
            }
            Ticket updated = new Ticket(ticketId, cleanTitle, price, userId, version.get(), null);
            db.outbox().append(h, Subject.TICKET_UPDATED, ticketId, updated.version(), updatedPayload(updated),
                    UUID.randomUUID().toString());
            return updated;
        });
    }

    /**
     * The edit when the one-statement edit changed nothing: reads the ticket, held against other writers, to say
     * why (not there, not the seller's, held by an order), or edits it if it became free in between (on PostgreSQL
     * a concurrent transaction can release it after that statement looked).
     */
    private Ticket editAfterReading(Handle h, String ticketId, String title, Money price, String userId) {
        Ticket current = loadForChange(h, ticketId).orElseThrow(() -> new TicketNotFoundException(ticketId));
        if (!current.userId().equals(userId)) {
            throw new NotOwnerException("ticket", ticketId, userId);
        }
        if (current.reserved()) {
            throw new TicketReservedException(ticketId, current.orderId());
        }
        Ticket updated = new Ticket(ticketId, title, price, current.userId(), current.version() + 1, null);
        save(h, updated, UUID.randomUUID().toString());
        return updated;
    }

    @Override
    public Optional<Ticket> find(String ticketId) {
        Arguments.id("ticketId", ticketId);
        return db.read(h -> load(h, ticketId));
    }

    @Override
    public List<Ticket> list() {
        return db.read(h -> h.createQuery("SELECT * FROM tickets ORDER BY rowid").map(TicketService::map).list());
    }

    @Override
    public List<Ticket> page(String afterId, int limit) {
        Arguments.optionalId("afterId", afterId);
        Arguments.positive("limit", limit);
        return db.read(h -> {
            long after = afterId == null ? 0 : h.createQuery("SELECT rowid FROM tickets WHERE id = :id")
                    .bind("id", afterId).mapTo(Long.class).findOne()
                    .orElseThrow(() -> new TicketNotFoundException(afterId));
            return h.createQuery("SELECT * FROM tickets WHERE rowid > :after ORDER BY rowid LIMIT :limit")
                    .bind("after", after).bind("limit", limit).map(TicketService::map).list();
        });
    }

    @Override
    public Optional<OrderHold> orderReplica(String orderId) {
        Arguments.id("orderId", orderId);
        return db.read(h -> h.createQuery("SELECT * FROM order_replica WHERE id = :id").bind("id", orderId)
                .map((rs, ctx) -> new OrderHold(rs.getString("id"), rs.getString("ticket_id"),
                        OrderStatus.fromWireName(rs.getString("status")), rs.getLong("version"))).findOne());
    }

    @Override
    public Counts counts() {
        return db.read(h -> h.createQuery("SELECT count(*) AS total, count(order_id) AS reserved FROM tickets")
                .map((rs, ctx) -> new Counts(rs.getLong("total"), rs.getLong("reserved"))).one());
    }

    @Override
    public Result handle(Handle h, EventEnvelope event) {
        Optional<OrderChange> change = OrderChange.of(event);
        if (change.isPresent()) {
            OrderChange c = change.get();
            return applyOrder(h, event, c.orderId(), c.ticketId(), c.version(), c.status(), c.snapshot());
        }
        if (EventHandler.subjectOf(event) == Subject.TICKET_RESYNC_REQUESTED) {
            return Snapshots.answer(db, h, event, Subject.TICKET_SNAPSHOT, id -> load(h, id), Ticket::version,
                    TicketService::updatedPayload);
        }
        throw new IllegalArgumentException("The tickets service does not handle " + event.subject());
    }

    /** Applies an order event to the order replica, then makes the ticket's holder match the replica. */
    private Result applyOrder(Handle h, EventEnvelope event, String orderId, String ticketId, long version,
                              OrderStatus status, boolean snapshot) {
        if (!orderVersions.apply(h, orderId, version, snapshot, () -> {
            Update write = switch (ReplicaVersions.Write.of(version, snapshot)) {
                case FIRST -> h.createUpdate(INSERT_ORDER + " ON CONFLICT (id) DO NOTHING").bind("ticket", ticketId);
                case SNAPSHOT -> h.createUpdate(INSERT_ORDER + " ON CONFLICT (id) DO UPDATE SET status = "
                                + "excluded.status, version = excluded.version WHERE order_replica.version < "
                                + "excluded.version")
                        .bind("ticket", ticketId);
                case NEXT -> h.createUpdate("UPDATE order_replica SET status = :status, version = :v "
                        + "WHERE id = :id AND version = :v - 1");
            };
            return write.bind("id", orderId).bind("status", status.wireName()).bind("v", version).execute();
        })) {
            return Result.DUPLICATE;
        }
        reconcileHolder(h, ticketId, event.correlationId());
        return Result.APPLIED;
    }

    /**
     * The copy of orders drops an order event delivered again: its write applies only on the version before, and
     * two instances applying one event at once meet at the row ({@link ReplicaVersions#apply}).
     */
    @Override
    public boolean dropsDuplicatesItself(Subject subject) {
        return OrderChange.SUBJECTS.contains(subject);
    }

    /**
     * Sets the ticket's order to the order that holds it according to the replica: reserves a free ticket,
     * releases it only when its own order was cancelled, and never steals it from a live order.
     */
    private void reconcileHolder(Handle h, String ticketId, String correlationId) {
        Optional<Ticket> found = loadForChange(h, ticketId);
        if (found.isEmpty()) {
            LOG.warn("An order refers to ticket {}, which this service does not know", ticketId);
            return;
        }
        Ticket ticket = found.get();
        List<String> holders = h.createQuery("SELECT id FROM order_replica WHERE ticket_id = :t AND status <> :c "
                        + "ORDER BY rowid")
                .bind("t", ticketId).bind("c", OrderStatus.CANCELLED.wireName()).mapTo(String.class).list();
        String holder = holders.contains(ticket.orderId()) ? ticket.orderId()
                : holders.isEmpty() ? null : holders.get(holders.size() - 1);
        if (Objects.equals(holder, ticket.orderId())) {
            return;
        }
        save(h, new Ticket(ticket.id(), ticket.title(), ticket.price(), ticket.userId(), ticket.version() + 1,
                holder), correlationId);
    }

    private void save(Handle h, Ticket ticket, String correlationId) {
        int changed = h.createUpdate("UPDATE tickets SET title = :title, price_minor = :price, currency = :currency, "
                        + "version = :version, order_id = :orderId WHERE id = :id AND version = :previous")
                .bind("id", ticket.id())
                .bind("title", ticket.title())
                .bind("price", ticket.price().minorUnits())
                .bind("currency", ticket.price().currency().getCurrencyCode())
                .bind("version", ticket.version())
                .bind("previous", ticket.version() - 1)
                .bind("orderId", ticket.orderId())
                .execute();
        if (changed != 1) {
            throw new IllegalStateException("Ticket " + ticket.id() + " changed under a write transaction");
        }
        db.outbox().append(h, Subject.TICKET_UPDATED, ticket.id(), ticket.version(), updatedPayload(ticket),
                correlationId);
    }

    private static TicketUpdated updatedPayload(Ticket t) {
        return new TicketUpdated(t.id(), t.version(), t.title(), t.price(), t.userId(), t.orderId());
    }

    /** {@link #load}, holding the row against other writers (other processes) until the transaction ends. */
    private Optional<Ticket> loadForChange(Handle h, String ticketId) {
        return load(h, ticketId, db.dialect().forUpdate());
    }

    private static Optional<Ticket> load(Handle h, String ticketId) {
        return load(h, ticketId, "");
    }

    /** @param lock {@code ""}, or the dialect's {@code FOR UPDATE} where the transaction changes what it read */
    private static Optional<Ticket> load(Handle h, String ticketId, String lock) {
        return h.createQuery("SELECT * FROM tickets WHERE id = :id" + lock).bind("id", ticketId)
                .map(TicketService::map).findOne();
    }

    private static Ticket map(java.sql.ResultSet rs, org.jdbi.v3.core.statement.StatementContext ctx)
            throws java.sql.SQLException {
        return new Ticket(rs.getString("id"), rs.getString("title"), Rows.money(rs),
                rs.getString("user_id"), rs.getLong("version"), rs.getString("order_id"));
    }
}
