package dev.boxoffice.engine.payment;

import dev.boxoffice.engine.RuleViolationException;

/** The card processor declined the card; nothing was recorded and the order can be paid with another card. */
public class PaymentDeclinedException extends RuleViolationException {

    private final String code;

    public PaymentDeclinedException(String code, String message) {
        super(message);
        this.code = code;
    }

    /** The processor's reason code, e.g. {@code card_declined}. */
    public String code() {
        return code;
    }
}
