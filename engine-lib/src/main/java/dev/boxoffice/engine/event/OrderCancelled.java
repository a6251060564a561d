package dev.boxoffice.engine.event;

/** Payload of {@code order:cancelled}: the order at its new version, and the ticket to release. */
public record OrderCancelled(String id, long version, TicketRef ticket) {

    /** The ticket the cancelled order had reserved. */
    public record TicketRef(String id) {
    }
}
