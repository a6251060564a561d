package dev.boxoffice.engine.payment;

import java.util.Arrays;

/**
 * Where a payment's money is. The card is authorized when the buyer pays; the orders service then decides
 * (in one transaction with expiry and cancellation) whether the order completes, and the charge is captured or
 * released accordingly, so no money is ever taken for an order that expired or was cancelled meanwhile.
 */
public enum PaymentStatus {
    /** The gateway is being asked to authorize the card. */
    AUTHORIZING("authorizing"),
    /** The card is authorized; waiting for the orders service to complete the order. */
    AUTHORIZED("authorized"),
    /** The order completed and the charge is captured: the buyer has paid. Final. */
    CAPTURED("captured"),
    /** The order was cancelled or expired first; the authorization was released, nothing was charged. Final. */
    VOIDED("voided");

    private final String wireName;

    PaymentStatus(String wireName) {
        this.wireName = wireName;
    }

    public String wireName() {
        return wireName;
    }

    /**
     * The status with this wire name.
     *
     * @throws IllegalArgumentException for an unknown name
     */
    public static PaymentStatus fromWireName(String wireName) {
        return Arrays.stream(values()).filter(s -> s.wireName.equals(wireName)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("Unknown payment status: " + wireName));
    }

    @Override
    public String toString() {
        return wireName;
    }
}
