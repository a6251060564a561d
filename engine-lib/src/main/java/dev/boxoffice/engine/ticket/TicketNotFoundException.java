package dev.boxoffice.engine.ticket;

import dev.boxoffice.engine.NotFoundException;

/** No ticket has this id (or the service asked does not know it yet). */
public class TicketNotFoundException extends NotFoundException {

    public TicketNotFoundException(String ticketId) {
        super("ticket", ticketId, "Ticket not found: " + ticketId);
    }
}
