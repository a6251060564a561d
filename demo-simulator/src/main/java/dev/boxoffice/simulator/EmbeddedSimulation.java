package dev.boxoffice.simulator;

import dev.boxoffice.engine.BoxOffice;
import dev.boxoffice.engine.Money;
import dev.boxoffice.engine.testing.FaultInjectingTransport;
import dev.boxoffice.engine.order.TicketReplica;
import dev.boxoffice.engine.replication.DeliveryFate;
import dev.boxoffice.engine.replication.DeliveryRecord;
import dev.boxoffice.engine.replication.ReplicaCounters;
import dev.boxoffice.engine.ticket.Ticket;
import dev.boxoffice.simulator.SimulationResult.Divergence;
import dev.boxoffice.simulator.SimulationResult.Mark;
import dev.boxoffice.simulator.SimulationResult.ReplicaRow;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Currency;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Queue;
import java.util.Random;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.function.Consumer;

/**
 * A randomized simulation on an embedded engine: N order replicas compete for the events of T tickets edited U
 * times, over a transport that duplicates, delays and reorders. Then every ticket's replica is compared with the
 * tickets service.
 */
final class EmbeddedSimulation {

    private static final Currency USD = Currency.getInstance("USD");
    private static final Duration SETTLE = Duration.ofMinutes(2);

    private final Mode mode;
    private final int replicas;
    private final int tickets;
    private final int updates;
    private final long seed;
    private final Faults faults;
    private final EventTransport transport;

    EmbeddedSimulation(Mode mode, int replicas, int tickets, int updates, long seed, Faults faults) {
        this(mode, replicas, tickets, updates, seed, faults, EventTransport.of(null));
    }

    EmbeddedSimulation(Mode mode, int replicas, int tickets, int updates, long seed, Faults faults,
                       EventTransport transport) {
        this.transport = transport;
        this.mode = mode;
        this.replicas = replicas;
        this.tickets = tickets;
        this.updates = updates;
        this.seed = seed;
        this.faults = faults;
    }

    /** Live figures while it runs. */
    record Progress(int edits, int updates, long delivered, long applied, long refused, long duplicates) {
    }

    SimulationResult run(Consumer<Progress> progress) {
        Path dir = TempDirectories.create();
        Queue<DeliveryRecord> deliveries = new ConcurrentLinkedQueue<>();
        try (BoxOffice engine = transport.configure(BoxOffice.builder()).dataDirectory(dir)
                .orderReplicas(replicas).versionedReplicas(mode == Mode.VERSIONED).durableCommits(false)
                .fetchBatch(1) // replicas race event by event, as in the original README's picture
                .entityAffinity(false) // any replica may take any ticket's next event
                .maxDeliveries(100_000).redeliveryBackoff(Duration.ofMillis(1), Duration.ofMillis(20))
                .deliveryObserver(r -> {
                    if (r.group().equals("orders")) {
                        deliveries.add(r);
                    }
                })
                .transportDecorator(t -> {
                    FaultInjectingTransport faulty = new FaultInjectingTransport(t, seed)
                            .duplicating(faults.duplicateRate())
                            .delaying(faults.delayRate(), faults.maxDelay());
                    return faults.reorder() ? faulty.shuffling() : faulty;
                })
                .build()) {
            Random random = new Random(seed);
            List<Ticket> created = new ArrayList<>();
            Map<String, Integer> ticketNumbers = new HashMap<>();
            for (int i = 0; i < tickets; i++) {
                Ticket t = engine.tickets().create("Ticket " + (i + 1), price(random), "seller");
                created.add(t);
                ticketNumbers.put(t.id(), i + 1);
            }
            for (int i = 1; i <= updates; i++) {
                Ticket t = created.get(random.nextInt(created.size()));
                engine.tickets().update(t.id(), "Ticket " + ticketNumbers.get(t.id()), price(random), "seller");
                if (i % 10 == 0 || i == updates) {
                    progress.accept(progress(engine, i));
                }
            }
            engine.awaitQuiescence(SETTLE);
            progress.accept(progress(engine, updates));
            return result(engine, created, deliveries, ticketNumbers);
        } finally {
            TempDirectories.delete(dir);
            transport.cleanUp();
        }
    }

    private Progress progress(BoxOffice engine, int edits) {
        List<ReplicaCounters> c = orderCounters(engine);
        return new Progress(edits, updates, c.stream().mapToLong(ReplicaCounters::delivered).sum(),
                c.stream().mapToLong(ReplicaCounters::applied).sum(),
                c.stream().mapToLong(ReplicaCounters::outOfOrderRefused).sum(),
                c.stream().mapToLong(ReplicaCounters::duplicates).sum());
    }

    private SimulationResult result(BoxOffice engine, List<Ticket> created, Queue<DeliveryRecord> deliveries,
                                    Map<String, Integer> ticketNumbers) {
        int diverged = 0;
        Divergence example = null;
        for (Ticket t : created) {
            Ticket owner = engine.tickets().get(t.id());
            Optional<TicketReplica> replica = engine.orders().ticketReplica(t.id());
            boolean same = replica.isPresent() && replica.get().price().equals(owner.price())
                    && replica.get().version() == owner.version();
            if (!same) {
                diverged++;
                if (example == null) {
                    example = new Divergence(t.id(), owner.price().amount().toPlainString(), owner.version(),
                            replica.map(r -> r.price().amount().toPlainString()).orElse("(missing)"),
                            replica.map(TicketReplica::version).orElse(-1L));
                }
            }
        }
        List<ReplicaRow> rows = orderCounters(engine).stream()
                .map(c -> new ReplicaRow(c.id(), c.delivered(), c.applied(), c.duplicates(), c.outOfOrderRefused(),
                        c.redelivered()))
                .toList();
        long start = deliveries.stream().mapToLong(DeliveryRecord::atNanos).min().orElse(0);
        List<Mark> timeline = deliveries.stream()
                .filter(d -> ticketNumbers.containsKey(d.event().aggregateId()))
                .map(d -> new Mark(d.replicaId(), (d.atNanos() - start) / 1e6, fate(d.fate()), d.redelivered(),
                        ticketNumbers.get(d.event().aggregateId()), d.event().version()))
                .toList();
        return new SimulationResult(mode, replicas, tickets, updates, seed, diverged == 0, diverged, example, rows,
                timeline, EventOutcomes.of(deliveries), faults.describe() + "; events over " + transport.describe());
    }

    private static String fate(DeliveryFate fate) {
        return switch (fate) {
            case APPLIED -> "applied";
            case DUPLICATE -> "duplicate";
            case OUT_OF_ORDER -> "refused";
            case FAILED, DEAD_LETTERED -> "failed";
        };
    }

    private static List<ReplicaCounters> orderCounters(BoxOffice engine) {
        return engine.replicas().stream().filter(c -> c.group().equals("orders")).toList();
    }

    private static Money price(Random random) {
        return new Money(100 + random.nextInt(50_000), USD);
    }
}
