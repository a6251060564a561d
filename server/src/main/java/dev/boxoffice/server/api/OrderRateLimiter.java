package dev.boxoffice.server.api;

import dev.boxoffice.server.config.OrderRateConfiguration;
import dev.boxoffice.server.error.ApiException;
import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.ConsumptionProbe;
import jakarta.inject.Singleton;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** A token bucket per user on placing orders, so that one buyer cannot hold every ticket. */
@Singleton
public class OrderRateLimiter {

    private final OrderRateConfiguration config;
    private final Map<String, Bucket> buckets = new ConcurrentHashMap<>();

    public OrderRateLimiter(OrderRateConfiguration config) {
        if (config.capacity() < 1 || config.perMinute() < 1) {
            throw new IllegalArgumentException("boxoffice.order-rate capacity and per-minute must be >= 1");
        }
        this.config = config;
    }

    /**
     * Takes one token for the user.
     *
     * @throws ApiException 429 with the seconds to wait, when the user has ordered too often
     */
    public void take(String userId) {
        Bucket bucket = buckets.computeIfAbsent(userId, id -> Bucket.builder()
                .addLimit(Bandwidth.builder().capacity(config.capacity())
                        .refillGreedy(config.perMinute(), Duration.ofMinutes(1)).build())
                .build());
        ConsumptionProbe probe = bucket.tryConsumeAndReturnRemaining(1);
        if (!probe.isConsumed()) {
            long seconds = Math.max(1, Duration.ofNanos(probe.getNanosToWaitForRefill()).toSeconds() + 1);
            throw ApiException.tooManyRequests("Too many orders; try again in " + seconds + " s", seconds);
        }
    }
}
