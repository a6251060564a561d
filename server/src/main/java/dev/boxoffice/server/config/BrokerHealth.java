package dev.boxoffice.server.config;

import dev.boxoffice.engine.nats.JetStreamTransport;
import io.micronaut.context.annotation.Requires;
import io.micronaut.health.HealthStatus;
import io.micronaut.management.health.indicator.HealthIndicator;
import io.micronaut.management.health.indicator.HealthResult;
import jakarta.inject.Singleton;
import java.util.Map;
import org.reactivestreams.Publisher;
import reactor.core.publisher.Mono;

/**
 * With events on NATS JetStream, {@code /health} says whether the broker is reachable: DOWN (503) while the
 * connection is lost, so that a load balancer takes the node out; UP again once it reconnected by itself.
 */
@Singleton
@Requires(property = "boxoffice.nats.url")
public class BrokerHealth implements HealthIndicator {

    private final JetStreamTransport broker;

    public BrokerHealth(JetStreamTransport broker) {
        this.broker = broker;
    }

    @Override
    public Publisher<HealthResult> getResult() {
        return Mono.just(HealthResult.builder("nats", broker.connected() ? HealthStatus.UP : HealthStatus.DOWN)
                .details(Map.of("url", broker.url())).build());
    }
}
