package dev.boxoffice.engine.event;

import java.util.Arrays;
import java.util.Optional;

/**
 * The subjects events are published under, with the original application's wire names.
 *
 * <p>The resync pair is Boxoffice's gap repair: a replica that keeps refusing an entity's events because a
 * version never arrived asks the owning service to re-publish the entity's current state as a snapshot.
 */
public enum Subject {
    /** A ticket was put on sale; payload {@link TicketCreated}. */
    TICKET_CREATED("ticket:created"),
    /** A ticket was edited, reserved or released; payload {@link TicketUpdated}. */
    TICKET_UPDATED("ticket:updated"),
    /** The current state of a ticket, re-published on request; payload {@link TicketUpdated}. */
    TICKET_SNAPSHOT("ticket:snapshot"),
    /** A replica of tickets asks for a ticket's current state; payload {@link ResyncRequested}. */
    TICKET_RESYNC_REQUESTED("ticket:resync-requested"),
    /** An order reserved a ticket; payload {@link OrderCreated}. */
    ORDER_CREATED("order:created"),
    /** An order was cancelled and its ticket is to be released; payload {@link OrderCancelled}. */
    ORDER_CANCELLED("order:cancelled"),
    /** The current state of an order, re-published on request; payload {@link OrderCreated}. */
    ORDER_SNAPSHOT("order:snapshot"),
    /** An order was paid and is final; payload {@link OrderCompleted}. */
    ORDER_COMPLETED("order:completed"),
    /** A replica of orders asks for an order's current state; payload {@link ResyncRequested}. */
    ORDER_RESYNC_REQUESTED("order:resync-requested"),
    /** An order's expiry time has passed; payload {@link ExpirationComplete}. */
    EXPIRATION_COMPLETE("expiration:complete"),
    /** A card was authorized for an order; payload {@link PaymentCreated}. */
    PAYMENT_CREATED("payment:created");

    private final String wireName;

    Subject(String wireName) {
        this.wireName = wireName;
    }

    /** The name used on the wire, e.g. {@code "ticket:created"}. */
    public String wireName() {
        return wireName;
    }

    /** The subject with the given wire name, if it is one of ours. */
    public static Optional<Subject> fromWireName(String wireName) {
        return Arrays.stream(values()).filter(s -> s.wireName.equals(wireName)).findFirst();
    }

    @Override
    public String toString() {
        return wireName;
    }
}
