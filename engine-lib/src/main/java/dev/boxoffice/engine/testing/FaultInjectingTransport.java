package dev.boxoffice.engine.testing;

import dev.boxoffice.engine.bus.Delivery;
import dev.boxoffice.engine.bus.Subscription;
import dev.boxoffice.engine.bus.Transport;
import dev.boxoffice.engine.event.EventEnvelope;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;

/**
 * A transport decorator that misbehaves the way real networks and brokers do, for simulations and tests: it
 * delivers events twice (to any instance of the group), shuffles batches, sends deliveries back to wait, holds
 * some back until released, loses chosen ones, forgets acks, and fails a publish after it went through.
 *
 * <p>Wrap the engine's transport with it through
 * {@link dev.boxoffice.engine.BoxOfficeBuilder#transportDecorator}; the random choices come from the given seed.
 * Never use it in production.
 */
public final class FaultInjectingTransport implements Transport {

    private final Transport delegate;
    private final Random random;
    private volatile double duplicateRate;
    private volatile double delayRate;
    private volatile Duration maxDelay = Duration.ZERO;
    private volatile boolean shuffle;
    private volatile boolean forgetAcks;
    private volatile Predicate<EventEnvelope> lose = e -> false;
    private volatile Predicate<EventEnvelope> hold = e -> false;
    private final Queue<Delivery> held = new ConcurrentLinkedQueue<>();
    private final AtomicInteger publishFailures = new AtomicInteger();
    private final AtomicInteger lost = new AtomicInteger();
    private final AtomicInteger duplicated = new AtomicInteger();
    private final Map<String, Queue<Delivery>> duplicates = new ConcurrentHashMap<>();

    public FaultInjectingTransport(Transport delegate, long seed) {
        this.delegate = delegate;
        this.random = new Random(seed);
    }

    /** Delivers each event a second time with this probability. */
    public FaultInjectingTransport duplicating(double rate) {
        this.duplicateRate = rate;
        return this;
    }

    /** Sends a delivery back to wait for up to {@code max} with this probability before anyone sees it. */
    public FaultInjectingTransport delaying(double rate, Duration max) {
        this.delayRate = rate;
        this.maxDelay = max;
        return this;
    }

    /** Shuffles every fetched batch. */
    public FaultInjectingTransport shuffling() {
        this.shuffle = true;
        return this;
    }

    /** Acknowledges matching events without delivering them: they are lost. */
    public FaultInjectingTransport losing(Predicate<EventEnvelope> which) {
        this.lose = which;
        return this;
    }

    /** Keeps matching deliveries, unsettled, until {@link #releaseHeld()}. */
    public FaultInjectingTransport holding(Predicate<EventEnvelope> which) {
        this.hold = which;
        return this;
    }

    /** Makes every ack a no-op, as if the consumer crashed right after committing. */
    public FaultInjectingTransport forgettingAcks(boolean forget) {
        this.forgetAcks = forget;
        return this;
    }

    /** The next {@code times} publishes reach the log, then throw as if the reply was lost. */
    public FaultInjectingTransport failingPublishesAfterSuccess(int times) {
        publishFailures.set(times);
        return this;
    }

    /** Hands the held deliveries back for immediate redelivery; returns how many. */
    public int releaseHeld() {
        hold = e -> false;
        int n = 0;
        for (Delivery d; (d = held.poll()) != null; n++) {
            d.nak(Duration.ZERO);
        }
        return n;
    }

    /**
     * Lets go of the held deliveries without settling them, as a consumer that crashed with them in hand: the
     * transport delivers them again after its ack wait, if it still has them. Returns how many.
     */
    public int forgetHeld() {
        hold = e -> false;
        int n = held.size();
        held.clear();
        return n;
    }

    public int heldCount() {
        return held.size();
    }

    public int duplicatedCount() {
        return duplicated.get();
    }

    public int lostCount() {
        return lost.get();
    }

    @Override
    public void publish(List<EventEnvelope> events) {
        delegate.publish(events);
        if (publishFailures.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
            throw new IllegalStateException("injected: publish reply lost");
        }
    }

    @Override
    public Subscription subscribe(String group, Set<String> subjects) {
        Subscription inner = delegate.subscribe(group, subjects);
        Queue<Delivery> groupDuplicates = duplicates.computeIfAbsent(group, g -> new ConcurrentLinkedQueue<>());
        return new Subscription() {
            @Override
            public List<Delivery> fetch(int max, Duration maxWait) {
                List<Delivery> out = new ArrayList<>();
                for (Delivery d; out.size() < max && (d = groupDuplicates.poll()) != null; ) {
                    out.add(d);
                }
                Duration wait = out.isEmpty() ? maxWait : Duration.ZERO;
                for (Delivery d : inner.fetch(max, wait)) {
                    EventEnvelope e = d.event();
                    if (lose.test(e)) {
                        lost.incrementAndGet();
                        d.ack();
                    } else if (hold.test(e)) {
                        held.add(d);
                    } else if (chance(delayRate)) {
                        d.nak(Duration.ofNanos((long) (maxDelay.toNanos() * nextDouble())));
                    } else {
                        Delivery delivered = forgetAcks ? new AckForgetting(d) : d;
                        out.add(delivered);
                        if (chance(duplicateRate)) {
                            duplicated.incrementAndGet();
                            groupDuplicates.add(new Duplicate(d));
                        }
                    }
                }
                if (shuffle) {
                    synchronized (random) {
                        Collections.shuffle(out, random);
                    }
                }
                return out;
            }

            @Override
            public long backlog() {
                return inner.backlog() + groupDuplicates.size();
            }

            /**
             * The transport's own deliveries are settled in bulk by it, as without this decorator (shuffling or
             * duplicating must not turn one ack into one per event); the copies and ack-forgetting ones settle
             * as they do alone.
             */
            @Override
            public void ack(List<Delivery> deliveries) {
                List<Delivery> own = new ArrayList<>(deliveries.size());
                for (Delivery d : deliveries) {
                    if (d instanceof Duplicate || d instanceof AckForgetting) {
                        d.ack();
                    } else {
                        own.add(d);
                    }
                }
                if (!own.isEmpty()) {
                    inner.ack(own);
                }
            }
        };
    }

    private boolean chance(double rate) {
        return rate > 0 && nextDouble() < rate;
    }

    private double nextDouble() {
        synchronized (random) {
            return random.nextDouble();
        }
    }

    @Override
    public Duration ackWait() {
        return delegate.ackWait();
    }

    @Override
    public void close() {
        delegate.close();
    }

    /** A second copy of a delivery; settling it does nothing, like a duplicate from a broker. */
    private record Duplicate(Delivery original) implements Delivery {
        @Override
        public EventEnvelope event() {
            return original.event();
        }

        @Override
        public int deliveryCount() {
            return original.deliveryCount() + 1;
        }

        @Override
        public void ack() {
            // the broker settles the original, not the copy
        }

        @Override
        public void nak(Duration delay) {
            // as above
        }
    }

    private record AckForgetting(Delivery original) implements Delivery {
        @Override
        public EventEnvelope event() {
            return original.event();
        }

        @Override
        public int deliveryCount() {
            return original.deliveryCount();
        }

        @Override
        public void ack() {
            // lost on the way, as if the consumer died between its commit and its ack
        }

        @Override
        public void nak(Duration delay) {
            original.nak(delay);
        }
    }
}
