package dev.boxoffice.engine.testing;

import static dev.boxoffice.engine.support.EngineFixture.QUIET;
import static dev.boxoffice.engine.support.EngineFixture.operaEdited;
import static dev.boxoffice.engine.support.EngineFixture.usd;
import static org.assertj.core.api.Assertions.assertThat;

import dev.boxoffice.engine.BoxOffice;
import dev.boxoffice.engine.bus.Delivery;
import dev.boxoffice.engine.bus.Transport;
import dev.boxoffice.engine.event.EventEnvelope;
import dev.boxoffice.engine.order.TicketReplica;
import dev.boxoffice.engine.support.DecoratedSubscriptions;
import dev.boxoffice.engine.ticket.Ticket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What {@link FaultInjectingTransport} leaves alone it leaves as the transport does it: shuffling batches does not
 * turn the consumers' bulk acks into one ack per event (which costs the embedded transport a transaction each, and
 * once made the shuffled side of {@code bench reorder} pay for acks, not for reordering).
 */
class FaultInjectingTransportTest {

    @TempDir
    Path dir;

    @Test
    void shouldSettleTheTransportsOwnDeliveriesInBulk_whenShuffling() {
        AckCounting counting = new AckCounting();
        try (BoxOffice engine = BoxOffice.builder().dataDirectory(dir).orderReplicas(4)
                .transportDecorator(t -> new FaultInjectingTransport(counting.around(t), 7).shuffling())
                .build()) {
            Ticket ticket = operaEdited(engine, 40);
            engine.awaitQuiescence(QUIET);

            assertThat(engine.orders().ticketReplica(ticket.id()))
                    .contains(new TicketReplica(ticket.id(), "Opera 40", usd("50"), "seller", 40));
            assertThat(counting.inBulk.get()).as("deliveries acked in bulk").isGreaterThanOrEqualTo(41);
            assertThat(counting.oneByOne.get()).as("deliveries acked one by one").isZero();
        }
    }

    /** Counts how the deliveries of the transport beneath the decorator are acked: in bulk, or one by one. */
    private static final class AckCounting {

        final AtomicInteger inBulk = new AtomicInteger();
        final AtomicInteger oneByOne = new AtomicInteger();

        Transport around(Transport transport) {
            return new DecoratedSubscriptions(transport, (group, inner) -> new DecoratedSubscriptions.Forwarding(inner) {
                @Override
                public List<Delivery> fetch(int max, Duration maxWait) {
                    return inner.fetch(max, maxWait).stream().<Delivery>map(Counted::new).toList();
                }

                @Override
                public void ack(List<Delivery> deliveries) {
                    inBulk.addAndGet(deliveries.size());
                    inner.ack(deliveries.stream().map(d -> ((Counted) d).inner).toList());
                }
            });
        }

        private final class Counted implements Delivery {

            final Delivery inner;

            Counted(Delivery inner) {
                this.inner = inner;
            }

            @Override
            public EventEnvelope event() {
                return inner.event();
            }

            @Override
            public int deliveryCount() {
                return inner.deliveryCount();
            }

            @Override
            public void ack() {
                oneByOne.incrementAndGet();
                inner.ack();
            }

            @Override
            public void nak(Duration delay) {
                inner.nak(delay);
            }
        }
    }
}
