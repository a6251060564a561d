package dev.boxoffice.engine.order;

import java.util.Collection;
import java.util.List;
import java.util.Optional;

/**
 * The orders service: buyers reserve tickets by placing orders, and cancel them. It keeps a
 * {@link TicketReplica replica} of tickets fed by ticket events and never reads the tickets service's store.
 *
 * <p>Every method refuses a missing or malformed argument with a {@link dev.boxoffice.engine.ValidationException}
 * naming it (ids must be the UUIDs the engine made; user ids must not be blank), and throws
 * {@link IllegalStateException} once the engine is closed.
 *
 * <p>Every method is safe to call from any thread.
 */
public interface Orders {

    /**
     * Reserves a ticket for a buyer: the order is {@code created}, expires one expiry window from now, and
     * {@code order:created} is published. Of any number of concurrent attempts on one free ticket exactly one
     * succeeds.
     *
     * @throws dev.boxoffice.engine.ticket.TicketNotFoundException if the replica does not know the ticket (yet)
     * @throws TicketAlreadyReservedException                       if another order holds the ticket
     */
    default Order place(String ticketId, String userId) {
        return place(ticketId, userId, null);
    }

    /**
     * Reserves a ticket once per request: as {@link #place(String, String)}, but when this buyer already placed an
     * order with this {@code requestKey}, returns that order as it is now (whatever its status) and changes
     * nothing. A client that lost the answer, or a server that crashed before giving it, repeats the request with
     * the same key and learns what was done.
     *
     * @param requestKey null for none; otherwise unique per buyer (an HTTP {@code Idempotency-Key}, for example)
     * @throws dev.boxoffice.engine.ticket.TicketNotFoundException if the replica does not know the ticket (yet)
     * @throws TicketAlreadyReservedException                       if another order holds the ticket
     */
    Order place(String ticketId, String userId, String requestKey);

    /**
     * Cancels an order (version +1), releasing its ticket through {@code order:cancelled}. Cancelling an order
     * that is already cancelled returns it unchanged and publishes nothing.
     *
     * @throws OrderNotFoundException                 if there is no such order
     * @throws dev.boxoffice.engine.NotOwnerException if {@code userId} is not the buyer
     * @throws OrderNotCancellableException           if the order is complete (paid)
     */
    Order cancel(String orderId, String userId);

    /** The order with this id, if any, whoever owns it. */
    Optional<Order> find(String orderId);

    /** The most ids {@link #findAll} takes at once: a page of an operator's list. */
    int MAX_FIND_ALL = 1000;

    /**
     * The orders with these ids that exist, whoever owns them, in no particular order: one read where a page of
     * other records names their orders.
     *
     * @throws dev.boxoffice.engine.ValidationException if an id is not an id, or there are more than
     *                                                  {@value #MAX_FIND_ALL}
     */
    List<Order> findAll(Collection<String> orderIds);

    /**
     * The order with this id, for its buyer.
     *
     * @throws OrderNotFoundException                 if there is none
     * @throws dev.boxoffice.engine.NotOwnerException if it is another user's
     */
    Order getFor(String orderId, String userId);

    /** The buyer's orders, oldest first. */
    List<Order> listFor(String userId);

    /**
     * Everyone's orders, a page at a time, oldest first (for an operator).
     *
     * @throws OrderNotFoundException if {@code query.afterId()} is not an order
     */
    List<Order> page(OrderQuery query);

    /** How many orders there are in each status (every status present, zero when none). */
    java.util.Map<OrderStatus, Long> countByStatus();

    /** The replica's copy of a ticket, if it has one. */
    Optional<TicketReplica> ticketReplica(String ticketId);

    /** Every ticket in the replica. */
    List<TicketReplica> ticketReplicas();
}
