package dev.boxoffice.engine.crash;

import dev.boxoffice.engine.BoxOffice;
import dev.boxoffice.engine.BoxOfficeBuilder;
import dev.boxoffice.engine.store.Storage;
import dev.boxoffice.engine.Money;
import dev.boxoffice.engine.ticket.Ticket;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Run in a child JVM by {@link CrashSafetyTest}: edits tickets as fast as it can while events flow, then halts
 * the JVM without closing anything, as a crash would. Arguments: the data directory, how many edits, and the JDBC
 * URL of a PostgreSQL database to keep the stores in (SQLite files in the data directory without it).
 */
public final class CrashingSeller {

    static final int HALT_STATUS = 77;
    static final int TICKETS = 20;

    private CrashingSeller() {
    }

    public static void main(String[] args) {
        Path dir = Path.of(args[0]);
        int edits = Integer.parseInt(args[1]);
        BoxOfficeBuilder builder = BoxOffice.builder().dataDirectory(dir).orderReplicas(3);
        if (args.length > 2) {
            builder.storage(Storage.postgres(args[2], "postgres", "postgres"));
        }
        BoxOffice engine = builder.build();
        List<Ticket> tickets = new ArrayList<>();
        for (int i = 0; i < TICKETS; i++) {
            tickets.add(engine.tickets().create("Seat " + i, Money.of("10", "USD"), "seller"));
        }
        for (int i = 1; i <= edits; i++) {
            Ticket t = tickets.get(i % TICKETS);
            engine.tickets().update(t.id(), "Seat " + (i % TICKETS) + " edit " + i, Money.of(i + ".50", "USD"),
                    "seller");
        }
        System.out.println("committed " + edits);
        System.out.flush();
        Runtime.getRuntime().halt(HALT_STATUS);
    }
}
