package dev.boxoffice.engine.example;

import dev.boxoffice.engine.BoxOffice;
import dev.boxoffice.engine.Money;
import dev.boxoffice.engine.order.Order;
import dev.boxoffice.engine.order.TicketAlreadyReservedException;
import dev.boxoffice.engine.replication.ReplicaCounters;
import dev.boxoffice.engine.ticket.Ticket;
import dev.boxoffice.engine.ticket.TicketReservedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

/**
 * The engine in use, start to finish: run it with
 * {@code ./mvnw -q -pl engine-lib test-compile exec:java}. Data goes to a fresh temporary directory unless one is
 * given as the first argument.
 */
public final class BookingExample {

    private BookingExample() {
    }

    public static void main(String[] args) throws Exception {
        Path dir = args.length > 0 ? Path.of(args[0]) : Files.createTempDirectory("boxoffice-example");
        Duration settle = Duration.ofSeconds(10);
        try (BoxOffice engine = BoxOffice.builder().dataDirectory(dir).orderReplicas(4).build()) {
            Ticket ticket = engine.tickets().create("Concert", Money.of("20.00", "USD"), "alice");
            say("alice puts a ticket on sale", ticket);
            for (int i = 1; i <= 10; i++) {
                ticket = engine.tickets().update(ticket.id(), "Concert", Money.of(20 + i + ".00", "USD"), "alice");
            }
            say("alice changes the price ten times", ticket);
            engine.awaitQuiescence(settle);
            say("the orders service's replica, after 4 replicas raced for those events",
                    engine.orders().ticketReplica(ticket.id()).orElseThrow());

            Order order = engine.orders().place(ticket.id(), "bob");
            say("bob orders it", order);
            try {
                engine.orders().place(ticket.id(), "carol");
            } catch (TicketAlreadyReservedException e) {
                say("carol tries too", e.getMessage());
            }
            engine.awaitQuiescence(settle);
            say("the tickets service learned of the order from order:created", engine.tickets().get(ticket.id()));
            try {
                engine.tickets().update(ticket.id(), "Concert", Money.of("99", "USD"), "alice");
            } catch (TicketReservedException e) {
                say("alice tries to raise the price", e.getMessage());
            }
            engine.orders().cancel(order.id(), "bob");
            engine.awaitQuiescence(settle);
            say("bob cancels; the ticket is free again", engine.tickets().get(ticket.id()));

            System.out.println();
            System.out.printf("%-10s %-8s %9s %8s %10s %12s %11s%n", "replica", "group", "delivered", "applied",
                    "duplicates", "out-of-order", "redelivered");
            for (ReplicaCounters c : engine.replicas()) {
                System.out.printf("%-10s %-8s %9d %8d %10d %12d %11d%n", c.id(), c.group(), c.delivered(),
                        c.applied(), c.duplicates(), c.outOfOrderRefused(), c.redelivered());
            }
            System.out.println("\nData files in " + dir);
        }
    }

    private static void say(String what, Object value) {
        System.out.println("* " + what + ":\n    " + value);
    }
}
