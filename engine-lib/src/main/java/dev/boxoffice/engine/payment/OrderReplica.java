package dev.boxoffice.engine.payment;

import dev.boxoffice.engine.Money;
import dev.boxoffice.engine.order.OrderStatus;
import java.time.Instant;

/**
 * The payments service's copy of an order, kept up to date from order events under the versioned-replica rule.
 *
 * @param id        the order's id
 * @param userId    the buyer, who alone may pay
 * @param price     what the order costs
 * @param status    the order's status at {@code version}
 * @param version   the last version applied
 * @param expiresAt when the order expires unless paid
 */
public record OrderReplica(String id, String userId, Money price, OrderStatus status, long version,
                           Instant expiresAt) {
}
