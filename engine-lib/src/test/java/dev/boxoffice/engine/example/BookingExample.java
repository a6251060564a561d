package dev.boxoffice.engine.example;

import dev.boxoffice.engine.BoxOffice;
import dev.boxoffice.engine.Money;
import dev.boxoffice.engine.order.Order;
import dev.boxoffice.engine.order.TicketAlreadyReservedException;
import dev.boxoffice.engine.payment.Payment;
import dev.boxoffice.engine.payment.PaymentDeclinedException;
import dev.boxoffice.engine.payment.SimulatedPaymentGateway;
import dev.boxoffice.engine.replication.ReplicaCounters;
import dev.boxoffice.engine.support.MutableClock;
import dev.boxoffice.engine.ticket.Ticket;
import dev.boxoffice.engine.ticket.TicketReservedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;

/**
 * The engine in use, start to finish: a ticket edited while four order replicas race for its events, an order
 * that expires, and one that is paid. Run it with {@code ./mvnw -q -pl engine-lib test-compile exec:java}.
 * Data goes to a fresh temporary directory unless one is given as the first argument. The clock is one the
 * example moves forward itself, so the 15-minute expiry takes no time.
 */
public final class BookingExample {

    private BookingExample() {
    }

    public static void main(String[] args) throws Exception {
        Path dir = args.length > 0 ? Path.of(args[0]) : Files.createTempDirectory("boxoffice-example");
        MutableClock clock = new MutableClock(Instant.parse("2026-12-31T20:00:00Z"));
        Duration settle = Duration.ofSeconds(10);
        try (BoxOffice engine = BoxOffice.builder().dataDirectory(dir).clock(clock).orderReplicas(4)
                .fetchBatch(1) // one event at a time per replica, so that the four really race (a demonstration)
                .entityAffinity(false) // any replica may take the ticket's next event, as on a broker without affinity
                .build()) {
            Ticket ticket = engine.tickets().create("New Year's Eve", Money.of("20.00", "USD"), "alice");
            say("alice puts a ticket on sale", ticket);
            for (int i = 1; i <= 10; i++) {
                ticket = engine.tickets().update(ticket.id(), "New Year's Eve", Money.of(20 + i + ".00", "USD"),
                        "alice");
            }
            say("alice changes the price ten times", ticket);
            engine.awaitQuiescence(settle);
            say("the orders service's replica, after 4 replicas raced for those events",
                    engine.orders().ticketReplica(ticket.id()).orElseThrow());

            Order bobs = engine.orders().place(ticket.id(), "bob");
            say("bob orders it at " + clock.instant(), bobs);
            try {
                engine.orders().place(ticket.id(), "carol");
            } catch (TicketAlreadyReservedException e) {
                say("carol tries too", e.getMessage());
            }
            engine.awaitQuiescence(settle);
            try {
                engine.tickets().update(ticket.id(), "New Year's Eve", Money.of("99", "USD"), "alice");
            } catch (TicketReservedException e) {
                say("alice tries to raise the price of the reserved ticket", e.getMessage());
            }
            say("pending expiry timers", engine.expirations().pending());

            clock.advance(Duration.ofMinutes(15));
            engine.awaitQuiescence(settle);
            say("15 minutes later bob has not paid: his order", engine.orders().find(bobs.id()).orElseThrow());
            say("and the ticket is free again", engine.tickets().get(ticket.id()));

            Order carols = engine.orders().place(ticket.id(), "carol");
            engine.awaitQuiescence(settle);
            try {
                engine.payments().pay(carols.id(), SimulatedPaymentGateway.DECLINED, "carol", null);
            } catch (PaymentDeclinedException e) {
                say("carol orders it and pays with a card that is declined", e.getMessage());
            }
            Payment payment = engine.payments().pay(carols.id(), SimulatedPaymentGateway.VISA, "carol", "carol-1");
            say("she pays with another card", payment);
            engine.awaitQuiescence(settle);
            say("her order", engine.orders().find(carols.id()).orElseThrow());
            say("her payment", engine.payments().find(payment.id()).orElseThrow());
            say("the ticket", engine.tickets().get(ticket.id()));

            System.out.println();
            System.out.printf("%-20s %-10s %9s %8s %10s %12s %11s%n", "replica", "group", "delivered", "applied",
                    "duplicates", "out-of-order", "redelivered");
            for (ReplicaCounters c : engine.replicas()) {
                System.out.printf("%-20s %-10s %9d %8d %10d %12d %11d%n", c.id(), c.group(), c.delivered(),
                        c.applied(), c.duplicates(), c.outOfOrderRefused(), c.redelivered());
            }
            System.out.println("\nData files in " + dir);
        }
    }

    private static void say(String what, Object value) {
        System.out.println("* " + what + ":\n    " + value);
    }
}
