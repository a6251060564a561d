package dev.boxoffice.engine.ticket;

import dev.boxoffice.engine.order.OrderStatus;

/**
 * The tickets service's copy of an order (its order replica): only what it needs to know which order holds which
 * ticket, kept up to date from order events under the versioned-replica rule.
 *
 * @param orderId  the order's id
 * @param ticketId the ticket it is for
 * @param status   the order's status at {@code version}
 * @param version  the last version applied
 */
public record OrderHold(String orderId, String ticketId, OrderStatus status, long version) {
}
