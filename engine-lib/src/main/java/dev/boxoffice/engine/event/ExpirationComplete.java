package dev.boxoffice.engine.event;

/** Payload of {@code expiration:complete}: the order's expiry time has passed. */
public record ExpirationComplete(String orderId) {
}
