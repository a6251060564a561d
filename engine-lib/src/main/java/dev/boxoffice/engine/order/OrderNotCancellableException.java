package dev.boxoffice.engine.order;

import dev.boxoffice.engine.RuleViolationException;

/** The order is complete (paid) and can no longer be cancelled. */
public class OrderNotCancellableException extends RuleViolationException {

    private final String orderId;
    private final OrderStatus status;

    public OrderNotCancellableException(String orderId, OrderStatus status) {
        super("Cannot cancel an order that is " + status + ": it has been paid");
        this.orderId = orderId;
        this.status = status;
    }

    public String orderId() {
        return orderId;
    }

    public OrderStatus status() {
        return status;
    }
}
