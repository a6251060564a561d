package dev.boxoffice.engine.ticket;

import dev.boxoffice.engine.RuleViolationException;

/** A reserved ticket cannot be edited until its order is cancelled or expires. */
public class TicketReservedException extends RuleViolationException {

    private final String ticketId;
    private final String orderId;

    public TicketReservedException(String ticketId, String orderId) {
        super("Cannot edit a reserved ticket");
        this.ticketId = ticketId;
        this.orderId = orderId;
    }

    public String ticketId() {
        return ticketId;
    }

    /** The order that holds the ticket. */
    public String orderId() {
        return orderId;
    }
}
