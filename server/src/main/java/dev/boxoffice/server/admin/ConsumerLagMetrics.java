package dev.boxoffice.server.admin;

import dev.boxoffice.engine.BoxOffice;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import jakarta.inject.Singleton;

/**
 * {@code boxoffice_consumer_lag{group=...}} on {@code /prometheus}: the deliveries each consumer group's transport
 * still holds for it, read when scraped (on JetStream, from the broker).
 */
@Singleton
public class ConsumerLagMetrics implements MeterBinder {

    private final BoxOffice engine;

    public ConsumerLagMetrics(BoxOffice engine) {
        this.engine = engine;
    }

    @Override
    public void bindTo(MeterRegistry registry) {
        for (String group : engine.lag().keySet()) {
            Gauge.builder("boxoffice.consumer.lag", engine, e -> e.lag().getOrDefault(group, 0L))
                    .tag("group", group)
                    .description("Deliveries the transport still holds for this consumer group")
                    .register(registry);
        }
    }
}
