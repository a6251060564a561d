package dev.boxoffice.engine.order;

import dev.boxoffice.engine.RuleViolationException;

/** Another order already holds the ticket. */
public class TicketAlreadyReservedException extends RuleViolationException {

    private final String ticketId;

    public TicketAlreadyReservedException(String ticketId) {
        super("Ticket is already reserved");
        this.ticketId = ticketId;
    }

    public String ticketId() {
        return ticketId;
    }
}
