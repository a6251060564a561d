package dev.boxoffice.engine.support;

import dev.boxoffice.engine.bus.Delivery;
import dev.boxoffice.engine.bus.Subscription;
import dev.boxoffice.engine.bus.Transport;
import dev.boxoffice.engine.event.EventEnvelope;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.function.BiFunction;

/**
 * A transport whose subscriptions are wrapped by {@code decorate} (given the group and the transport's own
 * subscription); publishing and closing go straight through. For tests that watch or break what consumers do with
 * their deliveries.
 */
public record DecoratedSubscriptions(Transport delegate, BiFunction<String, Subscription, Subscription> decorate)
        implements Transport {

    @Override
    public void publish(List<EventEnvelope> events) {
        delegate.publish(events);
    }

    @Override
    public Subscription subscribe(String group, Set<String> subjects) {
        return decorate.apply(group, delegate.subscribe(group, subjects));
    }

    @Override
    public Duration ackWait() {
        return delegate.ackWait();
    }

    @Override
    public void close() {
        delegate.close();
    }

    /** A subscription that hands everything to another; a test overrides what it changes. */
    public static class Forwarding implements Subscription {

        protected final Subscription inner;

        public Forwarding(Subscription inner) {
            this.inner = inner;
        }

        @Override
        public List<Delivery> fetch(int max, Duration maxWait) {
            return inner.fetch(max, maxWait);
        }

        @Override
        public long backlog() {
            return inner.backlog();
        }

        @Override
        public void ack(List<Delivery> deliveries) {
            inner.ack(deliveries);
        }
    }
}
