package dev.boxoffice.engine.event;

import dev.boxoffice.engine.Money;

/** Payload of {@code ticket:created}: a ticket at version 0. */
public record TicketCreated(String id, long version, String title, Money price, String userId) {
}
