package dev.boxoffice.engine.ticket;

import dev.boxoffice.engine.Money;
import java.util.List;
import java.util.Optional;

/**
 * The tickets service: sellers put tickets on sale and edit them. It owns tickets; the orders service learns of
 * them only from the events this service publishes.
 *
 * <p>Every method refuses a missing or malformed argument with a {@link dev.boxoffice.engine.ValidationException}
 * naming it (ids must be the UUIDs the engine made; user ids must not be blank), and throws
 * {@link IllegalStateException} once the engine is closed.
 *
 * <p>Every method is safe to call from any thread. A change returns once it and its event are committed;
 * delivery to other services happens afterwards, asynchronously.
 */
public interface Tickets {

    /**
     * Puts a ticket on sale at version 0 and publishes {@code ticket:created}.
     *
     * @throws dev.boxoffice.engine.ValidationException on field {@code title} if the trimmed title is empty or
     *                                                  longer than 200 characters
     */
    Ticket create(String title, Money price, String userId);

    /**
     * Changes a ticket's title and price (version +1) and publishes {@code ticket:updated}.
     *
     * @throws TicketNotFoundException                  if there is no such ticket
     * @throws dev.boxoffice.engine.NotOwnerException   if {@code userId} is not the seller
     * @throws TicketReservedException                  while an order holds the ticket
     * @throws dev.boxoffice.engine.ValidationException for a bad title
     */
    Ticket update(String ticketId, String title, Money price, String userId);

    /** The ticket with this id, if any. */
    Optional<Ticket> find(String ticketId);

    /**
     * The ticket with this id.
     *
     * @throws TicketNotFoundException if there is none
     */
    default Ticket get(String ticketId) {
        return find(ticketId).orElseThrow(() -> new TicketNotFoundException(ticketId));
    }

    /** Every ticket, oldest first. For a listing that must stay bounded, use {@link #page(String, int)}. */
    List<Ticket> list();

    /**
     * At most {@code limit} tickets, oldest first, starting right after the ticket {@code afterId}, or from the
     * first ticket when {@code afterId} is null. The next page starts after the last ticket of this one.
     *
     * @throws TicketNotFoundException  if {@code afterId} names no ticket
     * @throws IllegalArgumentException if {@code limit} is not positive
     */
    List<Ticket> page(String afterId, int limit);

    /** How many tickets there are, and how many of them an order holds; counted, not listed. */
    Counts counts();

    /** Ticket counts for a dashboard. */
    record Counts(long total, long reserved) {
    }

    /** The replica's copy of an order (which ticket it is for, its status and version), if it has one. */
    Optional<OrderHold> orderReplica(String orderId);
}
