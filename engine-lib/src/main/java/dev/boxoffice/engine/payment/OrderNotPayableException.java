package dev.boxoffice.engine.payment;

import dev.boxoffice.engine.RuleViolationException;

/** The order can no longer be paid: it was cancelled, or its expiry time has passed. */
public class OrderNotPayableException extends RuleViolationException {

    private final String orderId;

    public OrderNotPayableException(String orderId, String message) {
        super(message);
        this.orderId = orderId;
    }

    public String orderId() {
        return orderId;
    }
}
