package dev.boxoffice.server.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.boxoffice.engine.order.Order;
import dev.boxoffice.engine.payment.Payment;
import dev.boxoffice.engine.ticket.Ticket;
import java.math.BigDecimal;
import java.time.Instant;

/** The JSON shapes of the public API, as in the original app; prices in major units as JSON numbers. */
public final class Views {

    private Views() {
    }

    /** A ticket; {@code orderId} is always present, null when the ticket is free. */
    @JsonInclude(JsonInclude.Include.ALWAYS)
    public record TicketView(String id, String title, BigDecimal price, String userId, long version,
                             String orderId) {
        public static TicketView of(Ticket t) {
            return new TicketView(t.id(), t.title(), t.price().amount(), t.userId(), t.version(), t.orderId());
        }
    }

    public record OrderView(String id, String status, String userId, Instant expiresAt, long version,
                            OrderedTicketView ticket) {
        public static OrderView of(Order o) {
            return new OrderView(o.id(), o.status().wireName(), o.userId(), o.expiresAt(), o.version(),
                    new OrderedTicketView(o.ticket().id(), o.ticket().title(), o.ticket().price().amount()));
        }
    }

    public record OrderedTicketView(String id, String title, BigDecimal price) {
    }

    @JsonInclude(JsonInclude.Include.ALWAYS)
    public record PaymentView(String id, String orderId, String status, BigDecimal amount, String chargeId) {
        public static PaymentView of(Payment p) {
            return new PaymentView(p.id(), p.orderId(), p.status().wireName(), p.amount().amount(), p.chargeId());
        }
    }
}
