package dev.boxoffice.engine.internal.messaging;

import dev.boxoffice.engine.bus.Delivery;
import dev.boxoffice.engine.event.EventEnvelope;
import java.time.Duration;

/**
 * A refused delivery handed again to an instance of its group by the engine itself (its predecessor was just
 * applied), still leased from the transport: it counts as one more delivery, and settling it settles the
 * transport's delivery.
 */
record LocalRedelivery(Delivery leased, int deliveryCount) implements Delivery {

    static LocalRedelivery of(Delivery delivery) {
        return new LocalRedelivery(delivery instanceof LocalRedelivery local ? local.leased() : delivery,
                delivery.deliveryCount() + 1);
    }

    @Override
    public EventEnvelope event() {
        return leased.event();
    }

    @Override
    public void ack() {
        leased.ack();
    }

    @Override
    public void nak(Duration delay) {
        leased.nak(delay);
    }
}
