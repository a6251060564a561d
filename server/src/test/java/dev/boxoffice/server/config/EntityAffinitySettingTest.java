package dev.boxoffice.server.config;

import static dev.boxoffice.engine.support.EngineFixture.QUIET;
import static org.assertj.core.api.Assertions.assertThat;

import dev.boxoffice.engine.BoxOffice;
import dev.boxoffice.engine.testing.FaultInjectingTransport;
import dev.boxoffice.engine.replication.ReplicaCounters;
import dev.boxoffice.engine.support.EngineFixture;
import dev.boxoffice.engine.support.TempDirs;
import dev.boxoffice.engine.ticket.Ticket;
import io.micronaut.context.ApplicationContext;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * {@code boxoffice.entity-affinity}: by default one ticket's events go to one of the four order replicas at a
 * time, so none is refused out of order; set to false, the replicas race for them and refuse what comes early.
 */
class EntityAffinitySettingTest {

    private final Path dir = TempDirs.create("entity-affinity");
    /**
     * One event per fetch, and the engine started only after all the edits are written, so that the replicas meet
     * one burst of 41 events of one ticket: racing replicas surely meet them out of order (if the relay published
     * each edit as it came, one replica could apply it before the next existed, and nothing would race).
     */
    private final EngineCustomizer eventByEvent = builder -> builder
            .autoStart(false)
            .fetchBatch(1)
            .redeliveryBackoff(Duration.ofMillis(1), Duration.ofMillis(10))
            .transportDecorator(t -> new FaultInjectingTransport(t, 42).shuffling());

    @AfterEach
    void delete() {
        TempDirs.delete(dir);
    }

    private long refusedOutOfOrder(Map<String, Object> settings, int attempt) {
        Map<String, Object> properties = new HashMap<>(settings);
        properties.put("boxoffice.data-dir", dir.resolve(settings.hashCode() + "-" + attempt).toString());
        properties.put("boxoffice.order-replicas", 4);
        try (ApplicationContext context = ApplicationContext.builder().properties(properties)
                .singletons(eventByEvent).start()) {
            BoxOffice engine = context.getBean(BoxOffice.class);
            Ticket ticket = EngineFixture.operaEdited(engine, 40);
            engine.start();
            engine.awaitQuiescence(QUIET);
            assertThat(engine.orders().ticketReplica(ticket.id()).orElseThrow().version()).isEqualTo(40);
            return engine.replicas().stream().filter(c -> c.group().equals("orders"))
                    .mapToLong(ReplicaCounters::outOfOrderRefused).sum();
        }
    }

    @Test
    void shouldKeepATicketsEventsWithOneReplica_byDefault() {
        for (int attempt = 0; attempt < 3; attempt++) {
            assertThat(refusedOutOfOrder(Map.of(), attempt)).as("burst %d", attempt).isZero();
        }
    }

    @Test
    void shouldLetTheReplicasRaceForThem_whenOff() {
        // who takes which event is up to the scheduler: on two busy cores one replica can happen to take a whole
        // burst, so a race is looked for over up to ten bursts (a setting that did nothing would refuse none in any)
        long refused = 0;
        for (int attempt = 0; attempt < 10 && refused == 0; attempt++) {
            refused = refusedOutOfOrder(Map.of("boxoffice.entity-affinity", false), attempt);
        }
        assertThat(refused).isPositive();
    }
}
