package dev.boxoffice.engine.order;

import dev.boxoffice.engine.NotFoundException;

/** No order has this id. */
public class OrderNotFoundException extends NotFoundException {

    public OrderNotFoundException(String orderId) {
        super("order", orderId, "Order not found: " + orderId);
    }
}
