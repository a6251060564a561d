package dev.boxoffice.engine.payment;

import dev.boxoffice.engine.Money;
import java.time.Instant;

/**
 * A payment for an order, as the payments service holds it.
 *
 * @param id        UUID of the payment
 * @param orderId   the order paid for
 * @param userId    the buyer who paid
 * @param amount    the order's price, charged in minor units
 * @param chargeId  the gateway's id of the charge (null while it is being authorized)
 * @param status    where the money is
 * @param createdAt when it was made (engine clock)
 */
public record Payment(String id, String orderId, String userId, Money amount, String chargeId,
                      PaymentStatus status, Instant createdAt) {
}
