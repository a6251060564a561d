package dev.boxoffice.engine.ticket;

import dev.boxoffice.engine.Money;

/**
 * A ticket for sale, as the tickets service (its owner) holds it.
 *
 * @param id      UUID of the ticket
 * @param title   1 to 200 characters, stored exactly as given after trimming
 * @param price   the asking price
 * @param userId  the seller, who alone may edit it
 * @param version 0 when created, +1 on every edit, reservation and release
 * @param orderId the order that reserves it, or null when it is free
 */
public record Ticket(String id, String title, Money price, String userId, long version, String orderId) {

    /** Whether an order currently holds this ticket; a reserved ticket cannot be edited. */
    public boolean reserved() {
        return orderId != null;
    }
}
