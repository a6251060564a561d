package dev.boxoffice.engine.payment;

import java.util.List;
import java.util.Optional;

/**
 * The payments service: buyers pay for their orders through a {@link PaymentGateway}. It keeps a
 * {@link OrderReplica replica} of orders fed by order events and never reads the orders service's store.
 *
 * <p>Every method refuses a missing or malformed argument with a {@link dev.boxoffice.engine.ValidationException}
 * naming it (ids must be the UUIDs the engine made; user ids must not be blank), and throws
 * {@link IllegalStateException} once the engine is closed.
 *
 * <p>Every method is safe to call from any thread.
 */
public interface Payments {

    /**
     * Pays for an order with a card token: authorizes the order's price on the card, records the payment and
     * publishes {@code payment:created}; the orders service then completes the order and the charge is captured.
     *
     * <p>With an idempotency key, a repeated call returns the first call's payment and never charges twice;
     * a declined attempt records nothing, so it may be retried (with this key or another).
     *
     * @param idempotencyKey null for none
     * @throws dev.boxoffice.engine.order.OrderNotFoundException if the replica does not know the order (yet)
     * @throws dev.boxoffice.engine.NotOwnerException            if {@code userId} is not the buyer
     * @throws OrderNotPayableException                          if the order is cancelled or has expired
     * @throws OrderAlreadyPaidException                         if the order is paid or being paid
     * @throws PaymentDeclinedException                          if the gateway declined the card
     * @throws IdempotencyKeyReusedException                     if the key was used for another order
     * @throws PaymentInProgressException                        if a call with the same key is still running
     */
    Payment pay(String orderId, String cardToken, String userId, String idempotencyKey);

    /** The payment with this id, if any. */
    Optional<Payment> find(String paymentId);

    /** Every payment of an order, oldest first. */
    List<Payment> forOrder(String orderId);

    /** Every payment, oldest first. */
    List<Payment> list();

    /**
     * A page of payments, oldest first, starting after the payment {@code afterId} (null: from the first).
     *
     * @throws dev.boxoffice.engine.NotFoundException if {@code afterId} is not a payment
     */
    List<Payment> page(String afterId, int limit);

    /** The replica's copy of an order, if it has one. */
    Optional<OrderReplica> orderReplica(String orderId);
}
