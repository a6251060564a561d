package dev.boxoffice.engine.order;

import dev.boxoffice.engine.Money;
import java.time.Instant;

/**
 * An order for one ticket, as the orders service (its owner) holds it.
 *
 * @param id        UUID of the order
 * @param status    where it is in its life
 * @param userId    the buyer, who alone may read, cancel or pay it
 * @param expiresAt when an unpaid order is cancelled by expiry
 * @param version   0 when placed, +1 when cancelled or completed
 * @param ticket    the ticket as the order service's replica knew it when the order was placed
 */
public record Order(String id, OrderStatus status, String userId, Instant expiresAt, long version,
                    OrderedTicket ticket) {

    /** The ordered ticket: its id, and title and price at the time of ordering. */
    public record OrderedTicket(String id, String title, Money price) {
    }
}
