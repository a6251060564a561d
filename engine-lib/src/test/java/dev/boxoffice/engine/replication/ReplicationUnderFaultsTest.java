package dev.boxoffice.engine.replication;

import dev.boxoffice.engine.support.Stores;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.MethodSource;
import static org.assertj.core.api.Assertions.assertThat;

import dev.boxoffice.engine.BoxOffice;
import dev.boxoffice.engine.BoxOfficeBuilder;
import dev.boxoffice.engine.Money;
import dev.boxoffice.engine.RuleViolationException;
import dev.boxoffice.engine.NotFoundException;
import dev.boxoffice.engine.order.Order;
import dev.boxoffice.engine.order.OrderStatus;
import dev.boxoffice.engine.order.TicketReplica;
import dev.boxoffice.engine.testing.FaultInjectingTransport;
import dev.boxoffice.engine.support.MutableClock;
import dev.boxoffice.engine.support.SeededTest;
import dev.boxoffice.engine.support.Seeds;
import dev.boxoffice.engine.support.TempDirs;
import dev.boxoffice.engine.ticket.Ticket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.SplittableRandom;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.UnaryOperator;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/**
 * Several order-service replicas race for ticket events on a transport that duplicates, shuffles and delays
 * deliveries, while sellers edit and buyers order and cancel. Whatever the interleaving, once the events have
 * settled every replica equals the tickets service, every ticket version was applied to the orders service's
 * replica once, and every ticket is held by exactly the order that the orders service says holds it.
 */
@ParameterizedClass
@MethodSource("dev.boxoffice.engine.support.Stores#underTest")
class ReplicationUnderFaultsTest {

    @Parameter
    Stores stores;

    private static final Duration SETTLE = Duration.ofSeconds(60);
    private static final AtomicLong DUPLICATES_INJECTED = new AtomicLong();
    private static final AtomicLong OUT_OF_ORDER_REFUSED = new AtomicLong();

    @BeforeAll
    static void resetTallies() {
        DUPLICATES_INJECTED.set(0);
        OUT_OF_ORDER_REFUSED.set(0);
    }

    /** The property is only worth something if the faults really happened across its seeds. */
    @AfterAll
    static void faultsWereExercised() {
        if (Seeds.replayingOne()) {
            return; // one seed replayed: the tallies are about all of a run's seeds
        }
        assertThat(DUPLICATES_INJECTED.get()).as("duplicates injected over all tries").isPositive();
        assertThat(OUT_OF_ORDER_REFUSED.get()).as("out-of-order refusals over all tries").isPositive();
    }

    @SeededTest(20)
    void shouldConvergeToTheOwnersState_whateverTheFaults(long seed) {
        Tally tally = convergesWhateverTheFaults(seed, stores::fresh);
        DUPLICATES_INJECTED.addAndGet(tally.duplicatesInjected());
        OUT_OF_ORDER_REFUSED.addAndGet(tally.outOfOrderRefused());
    }

    /** What the faults came to in one try. */
    record Tally(long duplicatesInjected, long outOfOrderRefused) {
    }

    /**
     * The property for one seed, on the transport {@code transport} sets on the builder (the embedded log when it
     * sets none): shared with the same property over JetStream.
     */
    static Tally convergesWhateverTheFaults(long seed, UnaryOperator<BoxOfficeBuilder> transport) {
        SplittableRandom draw = new SplittableRandom(seed);
        int replicas = draw.nextInt(2, 7);
        int ticketCount = draw.nextInt(1, 7);
        int operations = draw.nextInt(10, 61);
        Path dir = TempDirs.create("boxoffice-faults");
        AtomicReference<FaultInjectingTransport> faulty = new AtomicReference<>();
        Map<String, Long> ticketVersionsApplied = new ConcurrentHashMap<>();
        try (BoxOffice engine = transport.apply(BoxOffice.builder())
                .dataDirectory(dir)
                .clock(MutableClock.at("2026-02-01T00:00:00Z"))
                .orderReplicas(replicas)
                .durableCommits(false)
                .maxDeliveries(100_000)
                .redeliveryBackoff(Duration.ofMillis(1), Duration.ofMillis(20))
                .deliveryObserver(d -> {
                    if (d.group().equals("orders") && d.fate() == DeliveryFate.APPLIED
                            && d.event().subject().startsWith("ticket:")) {
                        ticketVersionsApplied.merge(d.event().aggregateId() + " v" + d.event().version(), 1L,
                                Long::sum);
                    }
                })
                .transportDecorator(t -> {
                    faulty.set(new FaultInjectingTransport(t, seed).duplicating(0.25)
                            .delaying(0.2, Duration.ofMillis(15)).shuffling());
                    return faulty.get();
                })
                .build()) {
            Random random = new Random(seed);
            List<Ticket> tickets = new ArrayList<>();
            for (int i = 0; i < ticketCount; i++) {
                tickets.add(engine.tickets().create("Ticket " + i, price(random), "seller"));
            }
            List<Order> orders = new ArrayList<>();
            for (int op = 0; op < operations; op++) {
                Ticket ticket = tickets.get(random.nextInt(tickets.size()));
                try {
                    int dice = random.nextInt(10);
                    if (dice < 6) {
                        engine.tickets().update(ticket.id(), "Ticket edit " + op, price(random), "seller");
                    } else if (dice < 8) {
                        orders.add(engine.orders().place(ticket.id(), "buyer-" + random.nextInt(3)));
                    } else if (!orders.isEmpty()) {
                        Order order = orders.get(random.nextInt(orders.size()));
                        engine.orders().cancel(order.id(), order.userId());
                    }
                } catch (RuleViolationException | NotFoundException expected) {
                    // reserved, already reserved, or not replicated yet: the caller sees a refusal, nothing changes
                }
            }

            engine.awaitQuiescence(SETTLE);

            for (Ticket created : tickets) {
                Ticket owner = engine.tickets().get(created.id());
                assertThat(engine.orders().ticketReplica(created.id()))
                        .as("replica of %s", owner)
                        .contains(new TicketReplica(owner.id(), owner.title(), owner.price(), owner.userId(),
                                owner.version()));
            }
            Map<String, String> holderByTicket = orders.stream()
                    .map(o -> engine.orders().find(o.id()).orElseThrow())
                    .filter(o -> o.status() != OrderStatus.CANCELLED)
                    .collect(Collectors.toMap(o -> o.ticket().id(), Order::id));
            for (Ticket created : tickets) {
                assertThat(engine.tickets().get(created.id()).orderId())
                        .as("holder of ticket %s", created.id())
                        .isEqualTo(holderByTicket.get(created.id()));
            }
            assertThat(ticketVersionsApplied).as("ticket versions applied by the orders service")
                    .isNotEmpty().allSatisfy((version, times) -> assertThat(times).as(version).isEqualTo(1L));
            assertThat(engine.deadLetters().list()).isEmpty();
            return new Tally(faulty.get().duplicatedCount(), engine.replicas().stream()
                    .mapToLong(ReplicaCounters::outOfOrderRefused).sum());
        } finally {
            TempDirs.delete(dir);
        }
    }

    private static Money price(Random random) {
        return new Money(1 + random.nextInt(100_000), java.util.Currency.getInstance("USD"));
    }
}
