package dev.boxoffice.engine.order;

import dev.boxoffice.engine.ValidationException;

/**
 * A page of everyone's orders, oldest first, for an operator; null filters match everything.
 *
 * @param status   only orders in this status
 * @param userId   only this buyer's orders
 * @param ticketId only orders for this ticket
 * @param afterId  start after this order (the last of the previous page), or null for the first page
 * @param limit    at most this many orders, 1 to {@value #MAX_LIMIT}
 */
public record OrderQuery(OrderStatus status, String userId, String ticketId, String afterId, int limit) {

    /** The largest accepted limit. */
    public static final int MAX_LIMIT = 10_000;

    public OrderQuery {
        if (limit < 1 || limit > MAX_LIMIT) {
            throw new ValidationException("limit", "limit must be between 1 and " + MAX_LIMIT + ", was " + limit);
        }
    }

    /** The first {@code limit} orders, whatever their status, buyer or ticket. */
    public static OrderQuery all(int limit) {
        return new OrderQuery(null, null, null, null, limit);
    }

    /** The next page: the same filters, after {@code lastId}. */
    public OrderQuery after(String lastId) {
        return after(lastId, limit);
    }

    /** A page of {@code limit}: the same filters, after {@code lastId} (null for the first page). */
    public OrderQuery after(String lastId, int limit) {
        return new OrderQuery(status, userId, ticketId, lastId, limit);
    }
}
