package dev.boxoffice.engine.bus;

import static dev.boxoffice.engine.bus.TransportContract.event;
import static org.assertj.core.api.Assertions.assertThat;

import dev.boxoffice.engine.event.EventEnvelope;
import dev.boxoffice.engine.nats.JetStreamTransport;
import dev.boxoffice.engine.support.Await;
import dev.boxoffice.engine.support.NatsServer;
import io.nats.client.Connection;
import io.nats.client.JetStreamManagement;
import io.nats.client.JetStreamSubscription;
import io.nats.client.Message;
import io.nats.client.Nats;
import io.nats.client.PullSubscribeOptions;
import io.nats.client.api.AckPolicy;
import io.nats.client.api.ConsumerConfiguration;
import io.nats.client.api.ConsumerInfo;
import io.nats.client.api.DeliverPolicy;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * How the JetStream transport lays out a group's consumers on the broker: one per subject the group listens to, so
 * that the broker sends it nothing else; and a group's whole-stream consumer from before replaced without handing
 * the group again what it had acknowledged.
 */
class JetStreamConsumersTest {

    @RegisterExtension
    static final NatsServer.PerClass BROKER = new NatsServer.PerClass();
    private static final AtomicInteger STREAMS = new AtomicInteger();
    private static final Duration DEADLINE = Duration.ofSeconds(15);

    private JetStreamTransport.Settings settings;

    @BeforeEach
    void newStream() {
        String stream = "C" + STREAMS.incrementAndGet();
        settings = JetStreamTransport.Settings.of(BROKER.url())
                .withStream(stream, stream.toLowerCase(java.util.Locale.ROOT));
    }

    /** {@link TransportContract#take}, acknowledged: the events. */
    private static List<EventEnvelope> take(Subscription subscription, int count) {
        List<Delivery> taken = TransportContract.take(subscription, count);
        subscription.ack(taken);
        return taken.stream().map(Delivery::event).toList();
    }

    @Test
    void shouldHaveTheBrokerSendAGroupOnlyTheSubjectsItListensTo() throws Exception {
        try (JetStreamTransport transport = JetStreamTransport.connect(settings);
             Connection nc = Nats.connect(BROKER.url())) {
            Subscription orders = transport.subscribe("orders", Set.of("ticket:updated", "payment:created"));
            EventEnvelope edit = event("ticket:updated", "t1", 1);
            transport.publish(List.of(event("order:created", "o1", 0), event("order:created", "o2", 0), edit,
                    event("order:cancelled", "o1", 1)));

            assertThat(take(orders, 1)).containsExactly(edit);
            assertThat(orders.fetch(10, Duration.ofMillis(300))).isEmpty();

            JetStreamManagement management = nc.jetStreamManagement();
            assertThat(management.getConsumerNames(settings.stream()))
                    .containsExactlyInAnyOrder("orders_ticket-updated", "orders_payment-created");
            Await.until("the edit acknowledged", DEADLINE,
                    () -> consumer(management, "orders_ticket-updated").getAckFloor().getConsumerSequence() == 1);
            // the broker delivered the one edit and nothing else: not the orders' events, to be acknowledged unread
            assertThat(management.getConsumerInfo(settings.stream(), "orders_ticket-updated").getDelivered()
                    .getConsumerSequence()).isEqualTo(1);
            assertThat(management.getConsumerInfo(settings.stream(), "orders_payment-created").getDelivered()
                    .getConsumerSequence()).isZero();
        }
    }

    @Test
    void shouldReplaceAWholeStreamConsumer_startingAfterWhatItHadAcknowledged() throws Exception {
        try (JetStreamTransport transport = JetStreamTransport.connect(settings);
             Connection nc = Nats.connect(BROKER.url())) {
            EventEnvelope first = event("ticket:updated", "t1", 1);
            EventEnvelope second = event("ticket:updated", "t1", 2);
            EventEnvelope order = event("order:created", "o1", 0);
            EventEnvelope third = event("ticket:updated", "t1", 3);
            transport.publish(List.of(first, second, order, third));
            // the layout before: one consumer named as the group, the whole stream, the first two acknowledged
            JetStreamManagement management = nc.jetStreamManagement();
            management.addOrUpdateConsumer(settings.stream(), ConsumerConfiguration.builder().durable("orders")
                    .ackPolicy(AckPolicy.Explicit).deliverPolicy(DeliverPolicy.All)
                    .filterSubject(settings.subjectPrefix() + ".>").build());
            JetStreamSubscription before = nc.jetStream().subscribe(null,
                    PullSubscribeOptions.bind(settings.stream(), "orders"));
            before.fetch(2, Duration.ofSeconds(5)).forEach(JetStreamConsumersTest::ackSync);
            before.unsubscribe();

            Subscription orders = transport.subscribe("orders", Set.of("ticket:updated"));

            assertThat(take(orders, 1)).containsExactly(third);
            assertThat(orders.fetch(10, Duration.ofMillis(300))).as("what the old consumer had acknowledged")
                    .isEmpty();
            assertThat(management.getConsumerNames(settings.stream())).containsExactly("orders_ticket-updated");
        }
    }

    @Test
    void shouldKeepWhereAReplacingConsumerStarted_whenTheGroupSubscribesAgain() throws Exception {
        try (Connection nc = Nats.connect(BROKER.url())) {
            EventEnvelope acknowledged = event("ticket:updated", "t1", 1);
            EventEnvelope later = event("ticket:updated", "t1", 2);
            try (JetStreamTransport transport = JetStreamTransport.connect(settings)) {
                transport.publish(List.of(acknowledged));
                nc.jetStreamManagement().addOrUpdateConsumer(settings.stream(), ConsumerConfiguration.builder()
                        .durable("orders").ackPolicy(AckPolicy.Explicit).deliverPolicy(DeliverPolicy.All)
                        .filterSubject(settings.subjectPrefix() + ".>").build());
                JetStreamSubscription before = nc.jetStream().subscribe(null,
                        PullSubscribeOptions.bind(settings.stream(), "orders"));
                before.fetch(1, Duration.ofSeconds(5)).forEach(JetStreamConsumersTest::ackSync);
                before.unsubscribe();
                transport.subscribe("orders", Set.of("ticket:updated"));
                transport.publish(List.of(later));
            }
            try (JetStreamTransport again = JetStreamTransport.connect(
                    settings.withAckWait(Duration.ofSeconds(5)))) {
                Subscription orders = again.subscribe("orders", Set.of("ticket:updated"));

                assertThat(take(orders, 1)).containsExactly(later);
                assertThat(nc.jetStreamManagement().getConsumerInfo(settings.stream(), "orders_ticket-updated")
                        .getConsumerConfiguration().getAckWait()).isEqualTo(Duration.ofSeconds(5));
            }
        }
    }

    private ConsumerInfo consumer(JetStreamManagement management, String name) {
        try {
            return management.getConsumerInfo(settings.stream(), name);
        } catch (java.io.IOException | io.nats.client.JetStreamApiException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void ackSync(Message m) {
        try {
            m.ackSync(Duration.ofSeconds(5));
        } catch (java.util.concurrent.TimeoutException | InterruptedException e) {
            throw new IllegalStateException(e);
        }
    }
}
