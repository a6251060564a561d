package dev.boxoffice.engine.payment;

import dev.boxoffice.engine.Money;

/**
 * What the engine asks a {@link PaymentGateway} to authorize.
 *
 * @param amount         the amount in minor units of its currency
 * @param cardToken      the card, as a token from the processor's client library (e.g. {@code tok_visa})
 * @param idempotencyKey the same key for every attempt at the same payment
 * @param orderId        the order, for the processor's records
 */
public record ChargeRequest(Money amount, String cardToken, String idempotencyKey, String orderId) {
}
