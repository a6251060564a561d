package dev.boxoffice.simulator;

import dev.boxoffice.engine.BoxOffice;
import dev.boxoffice.engine.Money;
import dev.boxoffice.engine.testing.FaultInjectingTransport;
import dev.boxoffice.engine.order.TicketReplica;
import dev.boxoffice.engine.replication.DeliveryFate;
import dev.boxoffice.engine.replication.DeliveryRecord;
import dev.boxoffice.engine.ticket.Ticket;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.Callable;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Predicate;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * The seed's own example, told step by step: a ticket's price goes to 10 (event 1) and then to 15 (event 2);
 * event 1 is late. First without versions, then with them. The interleaving is forced, not left to luck: event
 * 1 is held back by the transport, and redeliveries wait for a ticker the story moves itself.
 */
@Command(name = "story", mixinStandardHelpOptions = true,
        description = "Tells the original README's example, first without versions (wrong), then with them (right).",
        footer = {"", "Example:", "  java -jar boxoffice-simulator.jar story"})
public class StoryCommand implements Callable<Integer> {

    private static final Duration STEP = Duration.ofSeconds(10);
    private static final Duration REFUSAL_DELAY = Duration.ofSeconds(1);

    @Spec
    CommandSpec spec;

    @Option(names = "--nats", paramLabel = "URL",
            description = "tell it over NATS JetStream at URL (e.g. nats://127.0.0.1:4222) instead of the engine's own log")
    String nats;

    /** How an act ended. */
    record Ending(String ownerPrice, String replicaPrice, long replicaVersion, boolean right) {
    }

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        out.println("The original README: a ticket's price is updated to 10 and then to 15. Order replica A takes");
        out.println("event 1, replica B takes event 2 and is faster.");
        if (nats != null) {
            out.println("The events travel over " + EventTransport.of(nats).describe() + ".");
        }
        out.println();
        Ending naive = act(out, false);
        out.println();
        Ending versioned = act(out, true);
        out.println();
        out.println("Without versions the late event overwrote newer data (" + naive.replicaPrice() + " instead of "
                + naive.ownerPrice() + "); with versions it was refused, redelivered in order, and the replica "
                + "ended at " + versioned.replicaPrice() + ".");
        out.flush();
        return !naive.right() && versioned.right() ? 0 : 1;
    }

    /** One telling of the example; returns how it ended. */
    Ending act(PrintWriter out, boolean versioned) {
        out.println(versioned ? "Act 2 — with versions (optimistic concurrency control)"
                : "Act 1 — without versions (a naive replica applies whatever arrives)");
        Path dir = TempDirectories.create();
        EventTransport events = EventTransport.of(nats);
        BlockingQueue<DeliveryRecord> deliveries = new LinkedBlockingQueue<>();
        AtomicReference<FaultInjectingTransport> transport = new AtomicReference<>();
        SteppingTicker ticker = new SteppingTicker();
        try (BoxOffice engine = events.configure(BoxOffice.builder()).dataDirectory(dir)
                .clock(Clock.fixed(Instant.parse("2022-10-31T09:51:00Z"), ZoneOffset.UTC))
                .ticker(ticker).orderReplicas(2).versionedReplicas(versioned).durableCommits(false)
                .gapRepairAfter(1_000).redeliveryBackoff(REFUSAL_DELAY, REFUSAL_DELAY).fetchBatch(1)
                .entityAffinity(false) // both replicas may take the ticket's events, as in the original
                .deliveryObserver(r -> {
                    if (r.group().equals("orders")) {
                        deliveries.add(r);
                    }
                })
                .transportDecorator(t -> {
                    transport.set(new FaultInjectingTransport(t, 1));
                    return transport.get();
                })
                .build()) {
            Ticket ticket = engine.tickets().create("Concert", money("5"), "seller");
            engine.awaitQuiescence(STEP);
            deliveries.clear();
            out.println("  1. The tickets service puts \"Concert\" on sale at 5.00 (version 0); both order replicas "
                    + "share its copy.");

            transport.get().holding(e -> e.subject().equals("ticket:updated") && e.version() == 1);
            engine.tickets().update(ticket.id(), "Concert", money("10"), "seller");
            engine.tickets().update(ticket.id(), "Concert", money("15"), "seller");
            out.println("  2. The seller sets the price to 10.00 (event 1, version 1), then to 15.00 (event 2, "
                    + "version 2).");
            out.println("  3. Replica A has taken event 1 but is slow: event 1 is held back.");

            DeliveryRecord first = next(deliveries, r -> r.event().version() == 2);
            String b = first.replicaId();
            if (first.fate() == DeliveryFate.APPLIED) {
                out.println("  4. Replica B (" + b + ") takes event 2 first and applies it: the replica says "
                        + replicaPrice(engine, ticket) + ".");
            } else {
                out.println("  4. Replica B (" + b + ") takes event 2 first. The replica holds version 0 and event 2 "
                        + "needs version 1 before it: REFUSED as out of order, to be delivered again.");
            }

            transport.get().releaseHeld();
            DeliveryRecord late = next(deliveries, r -> r.event().version() == 1);
            out.println("  5. Event 1 finally reaches replica A (" + late.replicaId() + "), which applies it: the "
                    + "replica says " + replicaPrice(engine, ticket) + " (version "
                    + engine.orders().ticketReplica(ticket.id()).orElseThrow().version() + ").");
            if (versioned) {
                ticker.advance(REFUSAL_DELAY);
                DeliveryRecord again = next(deliveries, r -> r.event().version() == 2);
                out.println("  6. Event 2 is delivered again (to " + again.replicaId() + ", delivery "
                        + again.deliveryCount() + ") and now fits: APPLIED, the replica says "
                        + replicaPrice(engine, ticket) + ".");
            }
            engine.awaitQuiescence(STEP);

            Ticket owner = engine.tickets().get(ticket.id());
            TicketReplica replica = engine.orders().ticketReplica(ticket.id()).orElseThrow();
            boolean right = replica.price().equals(owner.price()) && replica.version() == owner.version();
            out.println("  Result: the tickets service says " + owner.price().amount() + " (version "
                    + owner.version() + "), the order replica says " + replica.price().amount() + " (version "
                    + replica.version() + "): " + (right ? "RIGHT." : "WRONG — the late event overwrote newer data."));
            return new Ending(owner.price().amount().toPlainString(), replica.price().amount().toPlainString(),
                    replica.version(), right);
        } finally {
            TempDirectories.delete(dir);
            events.cleanUp();
        }
    }

    private static DeliveryRecord next(BlockingQueue<DeliveryRecord> deliveries, Predicate<DeliveryRecord> which) {
        long deadline = System.nanoTime() + STEP.toNanos();
        try {
            while (System.nanoTime() < deadline) {
                DeliveryRecord record = deliveries.poll(deadline - System.nanoTime(), TimeUnit.NANOSECONDS);
                if (record != null && which.test(record)) {
                    return record;
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        throw new IllegalStateException("The story did not unfold within " + STEP);
    }

    private static String replicaPrice(BoxOffice engine, Ticket ticket) {
        return engine.orders().ticketReplica(ticket.id()).orElseThrow().price().amount().toPlainString();
    }

    private static Money money(String amount) {
        return Money.of(amount, "USD");
    }
}
