package dev.boxoffice.engine.payment;

/**
 * The service provider interface to a card processor. Authorization holds the money; capture takes it;
 * release gives the hold back. Every call must be idempotent: the engine repeats calls after a crash.
 */
public interface PaymentGateway {

    /**
     * Authorizes {@code request.amount()} on the card.
     *
     * @return the charge id, the same for a repeated request with the same idempotency key
     * @throws PaymentDeclinedException if the card is declined
     */
    String authorize(ChargeRequest request);

    /** Takes the authorized money. Capturing a captured charge does nothing. */
    void capture(String chargeId);

    /** Releases an authorization without taking the money. Releasing a released charge does nothing. */
    void release(String chargeId);
}
