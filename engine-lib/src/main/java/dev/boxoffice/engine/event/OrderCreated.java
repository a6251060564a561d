package dev.boxoffice.engine.event;

import dev.boxoffice.engine.Money;
import java.time.Instant;

/**
 * Payload of {@code order:created} and {@code order:snapshot}: the whole state of an order at {@code version},
 * with the ticket it reserves.
 */
public record OrderCreated(String id, long version, String status, String userId, Instant expiresAt,
                           TicketRef ticket) {

    /** The reserved ticket as the order saw it. */
    public record TicketRef(String id, Money price) {
    }
}
