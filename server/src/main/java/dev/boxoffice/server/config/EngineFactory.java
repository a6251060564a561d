package dev.boxoffice.server.config;

import dev.boxoffice.engine.BoxOffice;
import dev.boxoffice.engine.BoxOfficeBuilder;
import dev.boxoffice.engine.nats.JetStreamTransport;
import dev.boxoffice.engine.store.Storage;
import io.micronaut.context.annotation.Bean;
import io.micronaut.context.annotation.Context;
import io.micronaut.context.annotation.Factory;
import io.micronaut.context.annotation.Requires;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/** Hosts the engine: one {@link BoxOffice} for the server's life, closed with it. */
@Factory
public class EngineFactory {

    /** The business clock; tests replace this bean with one they move themselves. */
    @Singleton
    public Clock clock() {
        return Clock.systemUTC();
    }

    /**
     * The JetStream transport, when {@code boxoffice.nats.url} is set; the engine closes it with itself, and the
     * health check reads its connection.
     */
    @Singleton
    @Requires(property = "boxoffice.nats.url")
    public JetStreamTransport jetStream(StartupSettings checked, BoxofficeConfiguration config) {
        return JetStreamTransport.connect(JetStreamTransport.Settings.of(config.natsUrl().strip()));
    }

    /**
     * Created at start (not on first request), so that timers fire and events flow from the beginning; the
     * {@link EngineCustomizer} beans, if any, adjust it last. The engine keeps time to the millisecond, so that
     * the times inside event payloads (the operator API, the event stream) are as exact as those the server
     * writes itself (see {@link JsonTimes}). Built only once every setting passed {@link StartupSettings}.
     */
    @Context
    @Bean(preDestroy = "close")
    public BoxOffice boxOffice(StartupSettings checked, BoxofficeConfiguration config, Clock clock, Storage storage,
                               List<EngineCustomizer> customizers, Optional<JetStreamTransport> jetStream) {
        String nodeId = config.nodeIdOrHostName();
        NodeLogs.name(nodeId);
        BoxOfficeBuilder builder = BoxOffice.builder()
                .nodeId(nodeId)
                .dataDirectory(config.dataDir())
                .storage(storage)
                .clock(Clock.tick(clock, Duration.ofMillis(1)))
                .expiryWindow(config.expiryWindow())
                .orderReplicas(config.orderReplicas())
                .entityAffinity(config.entityAffinity())
                .fetchBatch(config.fetchBatch())
                .outboxRetention(config.outboxRetention())
                .processedEventRetention(config.processedEventRetention())
                .logRetention(config.logRetention());
        // events on the broker, not in bus.db: competing replicas may then live in other processes
        jetStream.ifPresent(builder::transport);
        customizers.forEach(c -> c.customize(builder));
        return builder.build();
    }
}
