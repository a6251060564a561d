package dev.boxoffice.simulator.chaos;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;

/**
 * The system's state as the operator API shows it once the run is quiet: what the checker holds the history
 * against.
 *
 * @param tickets        every ticket, as the tickets service owns it
 * @param orders         every order, as the orders service owns it
 * @param payments       every payment
 * @param ticketReplicas the orders service's copy of each ticket, by ticket id (absent: it has none)
 * @param orderHolds     the tickets service's copy of each order, by order id
 * @param orderPayables  the payments service's copy of each order, by order id
 * @param deadLetters    the dead letters' reasons
 */
public record Snapshot(List<Ticket> tickets, List<Order> orders, List<Payment> payments,
                       Map<String, TicketCopy> ticketReplicas, Map<String, OrderCopy> orderHolds,
                       Map<String, OrderCopy> orderPayables, List<String> deadLetters) {

    public record Ticket(String id, String title, BigDecimal price, String userId, long version, String orderId) {
    }

    public record Order(String id, String ticketId, String userId, String status, long version) {
    }

    public record Payment(String id, String orderId, String status) {
    }

    /** A replica's copy of a ticket. */
    public record TicketCopy(String title, BigDecimal price, String userId, long version) {
    }

    /** A replica's copy of an order: the fields both replicas keep. */
    public record OrderCopy(String status, long version) {
    }
}
