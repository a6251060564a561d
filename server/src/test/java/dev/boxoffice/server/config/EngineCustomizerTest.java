package dev.boxoffice.server.config;

import static dev.boxoffice.engine.support.EngineFixture.QUIET;
import static org.assertj.core.api.Assertions.assertThat;

import dev.boxoffice.engine.BoxOffice;
import dev.boxoffice.engine.Money;
import dev.boxoffice.engine.bus.DeadLetter;
import dev.boxoffice.engine.bus.DeadLetters.RetryOutcome;
import dev.boxoffice.engine.testing.FaultInjectingTransport;
import dev.boxoffice.engine.support.Await;
import dev.boxoffice.engine.support.TempDirs;
import dev.boxoffice.engine.ticket.Ticket;
import io.micronaut.context.ApplicationContext;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * An application embedding the server plugs its own transport and delivery limits in through an
 * {@link EngineCustomizer} bean: here a transport that holds ticket creations back, as a partitioned network
 * would, so that an edit reaches the order replicas first, is refused out of order until it is set aside as a dead
 * letter, and is applied when an operator retries it after the network heals.
 */
class EngineCustomizerTest {

    private final Path dir = TempDirs.create("engine-customizer");
    private final AtomicReference<FaultInjectingTransport> faults = new AtomicReference<>();
    private final EngineCustomizer partitioned = builder -> builder
            .maxDeliveries(3)
            .ackWait(Duration.ofMillis(300))
            .gapRepairAfter(1_000) // no snapshot to make up for the creation
            .transportDecorator(transport -> {
                faults.set(new FaultInjectingTransport(transport, 7)
                        .holding(e -> e.subject().equals("ticket:created")));
                return faults.get();
            });
    private final ApplicationContext context = ApplicationContext.builder()
            .properties(Map.of("boxoffice.data-dir", dir.toString()))
            .singletons(partitioned)
            .start();

    @AfterEach
    void close() {
        context.close();
        TempDirs.delete(dir);
    }

    @Test
    void shouldBuildTheEngineWithTheCustomizersTransportAndLimits() {
        BoxOffice engine = context.getBean(BoxOffice.class);
        Ticket ticket = engine.tickets().create("Held", Money.of("10", "USD"), "seller");
        engine.tickets().update(ticket.id(), "Held, edited", Money.of("12", "USD"), "seller");

        Await.until("the edit set aside after 3 refusals and the ack wait", QUIET, () -> !engine.deadLetters().list().isEmpty());
        DeadLetter letter = engine.deadLetters().list().get(0);
        assertThat(letter.event().aggregateId()).isEqualTo(ticket.id());
        assertThat(letter.event().subject()).isEqualTo("ticket:updated");
        assertThat(letter.deliveries()).isGreaterThanOrEqualTo(3);
        assertThat(engine.orders().ticketReplica(ticket.id())).isEmpty();

        // the creation, and the copies the transport delivered again after each ack wait
        assertThat(faults.get().releaseHeld()).isPositive();
        Await.until("the creation to reach the replica", QUIET,
                () -> engine.orders().ticketReplica(ticket.id()).isPresent());
        RetryOutcome outcome = engine.deadLetters().retry(letter.id());

        assertThat(outcome.resolved()).isTrue();
        assertThat(engine.orders().ticketReplica(ticket.id()).map(r -> r.title()))
                .isEqualTo(Optional.of("Held, edited"));
        assertThat(engine.deadLetters().list()).isEmpty();
    }
}
