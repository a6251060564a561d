package dev.boxoffice.engine.bus;

import dev.boxoffice.engine.support.DecoratedSubscriptions;
import dev.boxoffice.engine.support.Stores;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.MethodSource;
import static dev.boxoffice.engine.support.EngineFixture.QUIET;
import static dev.boxoffice.engine.support.EngineFixture.usd;
import static org.assertj.core.api.Assertions.assertThat;

import dev.boxoffice.engine.BoxOffice;
import dev.boxoffice.engine.order.TicketReplica;
import dev.boxoffice.engine.ticket.Ticket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A consumer instance whose settlement fails midway (the transport throws on the ack, as one that just went away
 * does) lets go of its entities and carries on: the unsettled deliveries come back after the ack wait, and the
 * ticket's later edits still reach the replica.
 */
@ParameterizedClass
@MethodSource("dev.boxoffice.engine.support.Stores#underTest")
class FailedSettlementTest {

    @Parameter
    Stores stores;

    @TempDir
    Path dir;

    @Test
    void shouldKeepReplicating_afterAnAckThrows() {
        AtomicBoolean failNextAck = new AtomicBoolean();
        try (BoxOffice engine = stores.on(BoxOffice.builder(), dir).orderReplicas(3).ackWait(Duration.ofMillis(300))
                .transportDecorator(t -> ackFailing(t, failNextAck)).build()) {
            Ticket ticket = engine.tickets().create("Gala", usd("10"), "seller");
            engine.awaitQuiescence(QUIET);

            failNextAck.set(true);
            engine.tickets().update(ticket.id(), "Gala 1", usd("11"), "seller");
            engine.awaitQuiescence(QUIET);
            assertThat(failNextAck.get()).as("an ack failed").isFalse();
            for (int i = 2; i <= 5; i++) {
                engine.tickets().update(ticket.id(), "Gala " + i, usd(String.valueOf(10 + i)), "seller");
            }
            engine.awaitQuiescence(QUIET);

            assertThat(engine.orders().ticketReplica(ticket.id()))
                    .contains(new TicketReplica(ticket.id(), "Gala 5", usd("15"), "seller", 5));
            assertThat(engine.deadLetters().list()).isEmpty();
        }
    }

    /** Throws on the orders group's first bulk ack after {@code failNext} is set, without acking anything. */
    private static Transport ackFailing(Transport transport, AtomicBoolean failNext) {
        return new DecoratedSubscriptions(transport, (group, inner) -> new DecoratedSubscriptions.Forwarding(inner) {
            @Override
            public void ack(List<Delivery> deliveries) {
                if (group.equals("orders") && failNext.compareAndSet(true, false)) {
                    throw new IllegalStateException("injected: the transport went away during the ack");
                }
                super.ack(deliveries);
            }
        });
    }
}
