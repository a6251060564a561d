package dev.boxoffice.engine.event;

/**
 * Payload of {@code payment:created}: the buyer's card was authorized for the order's price. The charge is
 * captured once the orders service completes the order, and released if the order was cancelled first.
 */
public record PaymentCreated(String id, String orderId, String chargeId) {
}
