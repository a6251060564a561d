package dev.boxoffice.engine.event;

import dev.boxoffice.engine.Money;

/**
 * Payload of {@code ticket:updated} and {@code ticket:snapshot}: the whole state of a ticket at {@code version};
 * {@code orderId} is the reserving order, or null when the ticket is free.
 */
public record TicketUpdated(String id, long version, String title, Money price, String userId, String orderId) {
}
