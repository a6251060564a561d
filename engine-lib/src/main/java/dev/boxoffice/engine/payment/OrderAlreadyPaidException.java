package dev.boxoffice.engine.payment;

import dev.boxoffice.engine.RuleViolationException;

/** The order has been paid already, or another payment for it is under way. */
public class OrderAlreadyPaidException extends RuleViolationException {

    private final String orderId;

    public OrderAlreadyPaidException(String orderId) {
        super("Order has already been paid");
        this.orderId = orderId;
    }

    public String orderId() {
        return orderId;
    }
}
