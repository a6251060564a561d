package dev.boxoffice.engine.bus;

import static dev.boxoffice.engine.support.EngineFixture.QUIET;
import static org.assertj.core.api.Assertions.assertThat;

import dev.boxoffice.engine.BoxOffice;
import dev.boxoffice.engine.event.EventEnvelope;
import dev.boxoffice.engine.internal.messaging.EmbeddedTransport;
import dev.boxoffice.engine.internal.storage.Durability;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@link BoxOffice#lag()}: what each group's transport still holds for it, down to zero once handled. */
class ConsumerLagTest {

    @TempDir
    Path dir;

    @Test
    void shouldCountWhatTheTransportHoldsForEachGroupUntilItIsHandled() {
        Transport transport = EmbeddedTransport.open(dir.resolve("bus"), Durability.NORMAL, Ticker.system(),
                Duration.ofSeconds(30));
        try (BoxOffice engine = BoxOffice.builder().dataDirectory(dir).transport(transport).autoStart(false)
                .build()) {
            String ticket = UUID.randomUUID().toString();
            transport.publish(List.of(new EventEnvelope(UUID.randomUUID().toString(), "ticket:created", ticket, 0,
                    Instant.parse("2026-01-01T00:00:00Z"), "corr", "{\"id\":\"" + ticket + "\",\"version\":0,"
                    + "\"title\":\"Held\",\"price\":{\"minorUnits\":500,\"currency\":\"USD\"},\"userId\":\"s\"}")));

            assertThat(engine.lag()).containsEntry("orders", 1L).containsEntry("tickets", 0L);

            engine.start();
            engine.awaitQuiescence(QUIET);

            assertThat(engine.lag()).containsOnlyKeys("tickets", "orders", "expiration", "payments")
                    .allSatisfy((group, lag) -> assertThat(lag).as(group).isZero());
            assertThat(engine.orders().ticketReplica(ticket)).isPresent();
        }
    }
}
