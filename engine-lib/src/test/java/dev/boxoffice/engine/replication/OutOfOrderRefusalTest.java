package dev.boxoffice.engine.replication;

import dev.boxoffice.engine.support.Stores;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.MethodSource;
import static dev.boxoffice.engine.support.EngineFixture.QUIET;
import static dev.boxoffice.engine.support.EngineFixture.operaEdited;
import static dev.boxoffice.engine.support.EngineFixture.usd;
import static org.assertj.core.api.Assertions.assertThat;

import dev.boxoffice.engine.BoxOffice;
import dev.boxoffice.engine.order.TicketReplica;
import dev.boxoffice.engine.testing.FaultInjectingTransport;
import dev.boxoffice.engine.support.Await;
import dev.boxoffice.engine.support.MutableClock;
import dev.boxoffice.engine.ticket.Ticket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@ParameterizedClass
@MethodSource("dev.boxoffice.engine.support.Stores#underTest")
class OutOfOrderRefusalTest {

    @Parameter
    Stores stores;

    @TempDir
    Path dir;

    @Test
    void shouldRefuseOutOfOrderEventsAndStillEndRight_whenFourReplicasRace() {
        AtomicReference<FaultInjectingTransport> faults = new AtomicReference<>();
        try (BoxOffice engine = stores.on(BoxOffice.builder(), dir)
                .clock(MutableClock.at("2026-02-01T00:00:00Z"))
                .orderReplicas(4)
                .fetchBatch(1)
                .entityAffinity(false)
                .redeliveryBackoff(Duration.ofMillis(1), Duration.ofMillis(10))
                .transportDecorator(t -> {
                    // the creation is held back until an edit has been refused for want of it: the race is
                    // certain, not left to thread timing (with batches of 1 a shuffle reorders nothing)
                    faults.set(new FaultInjectingTransport(t, 42).shuffling()
                            .holding(e -> e.subject().equals("ticket:created")));
                    return faults.get();
                })
                .build()) {
            Ticket ticket = operaEdited(engine, 40);
            Await.until("an edit refused before the creation arrives", QUIET, () -> engine.replicas().stream()
                    .filter(c -> c.group().equals("orders")).mapToLong(ReplicaCounters::outOfOrderRefused).sum() > 0);
            faults.get().releaseHeld();

            engine.awaitQuiescence(QUIET);

            List<ReplicaCounters> counters = engine.replicas().stream().filter(c -> c.group().equals("orders"))
                    .toList();
            assertThat(counters).hasSize(4);
            assertThat(counters.stream().mapToLong(ReplicaCounters::outOfOrderRefused).sum()).isPositive();
            assertThat(counters.stream().mapToLong(ReplicaCounters::redelivered).sum()).isPositive();
            assertThat(counters.stream().mapToLong(ReplicaCounters::applied).sum())
                    .as("every version applied exactly once, or skipped by a snapshot")
                    .isLessThanOrEqualTo(41);
            assertThat(engine.orders().ticketReplica(ticket.id()))
                    .contains(new TicketReplica(ticket.id(), "Opera 40", usd("50"), "seller", 40));
        }
    }
}
