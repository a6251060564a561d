package dev.boxoffice.engine.payment;

import dev.boxoffice.engine.RuleViolationException;

/** A call with the same idempotency key is still being processed; retry shortly for its result. */
public class PaymentInProgressException extends RuleViolationException {

    private final String paymentId;

    public PaymentInProgressException(String paymentId) {
        super("A payment with this idempotency key is still being processed; retry shortly");
        this.paymentId = paymentId;
    }

    public String paymentId() {
        return paymentId;
    }
}
