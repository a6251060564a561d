package dev.boxoffice.engine.order;

import java.util.Arrays;

/** The life of an order, with the original application's wire names. */
public enum OrderStatus {
    /** Placed; the ticket is reserved until it is paid, cancelled or expires. */
    CREATED("created"),
    /** Cancelled by the buyer or by expiry; the ticket is released. Final. */
    CANCELLED("cancelled"),
    /** Payment under way (defined by the original, reserved for a payment flow that needs it). */
    AWAITING_PAYMENT("awaiting:payment"),
    /** Paid. Final: it can no longer be cancelled. */
    COMPLETE("complete");

    private final String wireName;

    OrderStatus(String wireName) {
        this.wireName = wireName;
    }

    /** The name used on the wire and in storage, e.g. {@code "awaiting:payment"}. */
    public String wireName() {
        return wireName;
    }

    /** Whether an order in this status holds its ticket. */
    public boolean holdsTicket() {
        return this != CANCELLED;
    }

    /**
     * The status with this wire name.
     *
     * @throws IllegalArgumentException for an unknown name
     */
    public static OrderStatus fromWireName(String wireName) {
        return Arrays.stream(values()).filter(s -> s.wireName.equals(wireName)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("Unknown order status: " + wireName));
    }

    @Override
    public String toString() {
        return wireName;
    }
}
