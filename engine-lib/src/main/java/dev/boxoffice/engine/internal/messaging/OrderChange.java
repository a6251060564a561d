package dev.boxoffice.engine.internal.messaging;

import dev.boxoffice.engine.event.EventEnvelope;
import dev.boxoffice.engine.event.OrderCancelled;
import dev.boxoffice.engine.event.OrderCompleted;
import dev.boxoffice.engine.event.OrderCreated;
import dev.boxoffice.engine.event.Subject;
import dev.boxoffice.engine.internal.storage.Json;
import dev.boxoffice.engine.order.OrderStatus;
import java.util.Optional;
import java.util.Set;

/**
 * What an order event says about its order, whichever of the four order subjects carried it: the one reader of
 * order events for the services that keep a replica of orders (tickets, expiration, payments).
 *
 * @param orderId  the order
 * @param ticketId the ticket it holds
 * @param version  the order's version after the change
 * @param status   the order's status after the change
 * @param full     the whole order, for {@code order:created} and {@code order:snapshot}; null otherwise
 * @param snapshot whether this is a snapshot (gap repair) that may jump versions
 */
public record OrderChange(String orderId, String ticketId, long version, OrderStatus status, OrderCreated full,
                          boolean snapshot) {

    /** The four order subjects. */
    public static final Set<Subject> SUBJECTS = Set.of(Subject.ORDER_CREATED, Subject.ORDER_CANCELLED,
            Subject.ORDER_COMPLETED, Subject.ORDER_SNAPSHOT);

    /** The change an event records, or empty when it is not an order event. */
    public static Optional<OrderChange> of(EventEnvelope event) {
        Subject subject = EventHandler.subjectOf(event);
        return switch (subject) {
            case ORDER_CREATED, ORDER_SNAPSHOT -> {
                OrderCreated o = Json.read(event.payload(), OrderCreated.class);
                yield Optional.of(new OrderChange(o.id(), o.ticket().id(), o.version(),
                        OrderStatus.fromWireName(o.status()), o, subject == Subject.ORDER_SNAPSHOT));
            }
            case ORDER_CANCELLED -> {
                OrderCancelled o = Json.read(event.payload(), OrderCancelled.class);
                yield Optional.of(new OrderChange(o.id(), o.ticket().id(), o.version(), OrderStatus.CANCELLED, null,
                        false));
            }
            case ORDER_COMPLETED -> {
                OrderCompleted o = Json.read(event.payload(), OrderCompleted.class);
                yield Optional.of(new OrderChange(o.id(), o.ticket().id(), o.version(), OrderStatus.COMPLETE, null,
                        false));
            }
            default -> Optional.empty();
        };
    }
}
