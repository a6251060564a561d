package dev.boxoffice.engine.expiration;

import java.time.Instant;

/** A pending expiry: unless it is paid or cancelled first, the order is cancelled at {@code expiresAt}. */
public record ExpiryTimer(String orderId, Instant expiresAt) {
}
