package dev.boxoffice.engine.payment;

import dev.boxoffice.engine.RuleViolationException;

/** The idempotency key was already used for a different payment request. */
public class IdempotencyKeyReusedException extends RuleViolationException {

    private final String idempotencyKey;

    public IdempotencyKeyReusedException(String idempotencyKey) {
        super("This idempotency key was already used for a different request");
        this.idempotencyKey = idempotencyKey;
    }

    public String idempotencyKey() {
        return idempotencyKey;
    }
}
