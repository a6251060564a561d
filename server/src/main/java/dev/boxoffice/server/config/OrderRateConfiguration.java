package dev.boxoffice.server.config;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.bind.annotation.Bindable;

/**
 * The per-user limit on placing orders ({@code boxoffice.order-rate.*}): a token bucket of {@code capacity}
 * orders, refilled at {@code perMinute} orders a minute.
 */
@ConfigurationProperties("boxoffice.order-rate")
public record OrderRateConfiguration(
        @Bindable(defaultValue = "10") int capacity,
        @Bindable(defaultValue = "10") int perMinute) {
}
