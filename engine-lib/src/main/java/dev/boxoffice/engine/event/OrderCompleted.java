package dev.boxoffice.engine.event;

/**
 * Payload of {@code order:completed}: the order at its new version, paid by {@code paymentId}. The original app
 * raised the version silently here, which left its payments replica refusing every later event; ours publishes.
 */
public record OrderCompleted(String id, long version, TicketRef ticket, String paymentId) {

    /** The ticket the order now holds for good. */
    public record TicketRef(String id) {
    }
}
