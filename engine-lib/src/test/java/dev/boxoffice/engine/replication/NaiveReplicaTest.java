package dev.boxoffice.engine.replication;

import dev.boxoffice.engine.support.Stores;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.MethodSource;
import static dev.boxoffice.engine.support.EngineFixture.QUIET;
import static dev.boxoffice.engine.support.EngineFixture.usd;
import static org.assertj.core.api.Assertions.assertThat;

import dev.boxoffice.engine.BoxOffice;
import dev.boxoffice.engine.testing.FaultInjectingTransport;
import dev.boxoffice.engine.support.Await;
import dev.boxoffice.engine.support.MutableClock;
import dev.boxoffice.engine.ticket.Ticket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The seed's own example: a ticket's price goes to 10 (version 1) and then to 15 (version 2); version 1 is
 * late. Without versions the replica ends at 10, which is wrong; with them version 2 is refused until version 1
 * has been applied, and the replica ends at 15.
 */
@ParameterizedClass
@MethodSource("dev.boxoffice.engine.support.Stores#underTest")
class NaiveReplicaTest {

    @Parameter
    Stores stores;

    @TempDir
    Path dir;
    AtomicReference<FaultInjectingTransport> faults = new AtomicReference<>();
    List<DeliveryRecord> deliveries = new CopyOnWriteArrayList<>();

    private BoxOffice engine(boolean versioned) {
        return stores.on(BoxOffice.builder(), dir).clock(MutableClock.at("2026-05-05T05:05:05Z"))
                .orderReplicas(2).versionedReplicas(versioned).gapRepairAfter(1_000)
                .redeliveryBackoff(Duration.ofMillis(1), Duration.ofMillis(5))
                .deliveryObserver(deliveries::add)
                .transportDecorator(t -> {
                    faults.set(new FaultInjectingTransport(t, 1));
                    return faults.get();
                })
                .build();
    }

    private Ticket updateTwiceWithTheFirstUpdateLate(BoxOffice engine) {
        Ticket ticket = engine.tickets().create("Opera", usd("5"), "seller");
        engine.awaitQuiescence(QUIET);
        faults.get().holding(e -> e.subject().equals("ticket:updated") && e.version() == 1);
        engine.tickets().update(ticket.id(), "Opera", usd("10"), "seller");
        return engine.tickets().update(ticket.id(), "Opera", usd("15"), "seller");
    }

    @Test
    void shouldEndWithTheWrongPrice_whenVersionsAreOff() {
        try (BoxOffice engine = engine(false)) {
            Ticket last = updateTwiceWithTheFirstUpdateLate(engine);
            Await.until("version 2 applied", QUIET,
                    () -> engine.orders().ticketReplica(last.id()).orElseThrow().version() == 2);

            assertThat(faults.get().releaseHeld()).isEqualTo(1);
            engine.awaitQuiescence(QUIET);

            assertThat(engine.tickets().get(last.id()).price()).isEqualTo(usd("15"));
            assertThat(engine.orders().ticketReplica(last.id()).orElseThrow().price())
                    .as("the late version 1 overwrote version 2").isEqualTo(usd("10"));
            assertThat(deliveries).noneMatch(d -> d.fate() == DeliveryFate.OUT_OF_ORDER);
        }
    }

    @Test
    void shouldRefuseTheEarlyVersionAndEndRight_whenVersionsAreOn() {
        try (BoxOffice engine = engine(true)) {
            Ticket last = updateTwiceWithTheFirstUpdateLate(engine);
            Await.until("version 2 refused", QUIET,
                    () -> deliveries.stream().anyMatch(d -> d.fate() == DeliveryFate.OUT_OF_ORDER));

            assertThat(faults.get().releaseHeld()).isEqualTo(1);
            engine.awaitQuiescence(QUIET);

            assertThat(engine.orders().ticketReplica(last.id()).orElseThrow().price()).isEqualTo(usd("15"));
            assertThat(deliveries).filteredOn(d -> d.event().version() == 2 && d.group().equals("orders"))
                    .extracting(DeliveryRecord::fate).startsWith(DeliveryFate.OUT_OF_ORDER).endsWith(DeliveryFate.APPLIED);
            DeliveryRecord appliedV2 = deliveries.stream()
                    .filter(d -> d.event().version() == 2 && d.fate() == DeliveryFate.APPLIED).findFirst()
                    .orElseThrow();
            assertThat(appliedV2.redelivered()).isTrue();
            assertThat(appliedV2.atNanos()).isGreaterThan(deliveries.stream()
                    .filter(d -> d.event().version() == 1 && d.fate() == DeliveryFate.APPLIED)
                    .findFirst().orElseThrow().atNanos());
        }
    }
}
