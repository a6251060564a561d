package dev.boxoffice.engine.support;

import dev.boxoffice.engine.BoxOffice;
import dev.boxoffice.engine.BoxOfficeBuilder;
import dev.boxoffice.engine.Money;
import dev.boxoffice.engine.ticket.Ticket;
import java.nio.file.Path;
import java.time.Duration;

/** Shorthands shared by engine tests. */
public final class EngineFixture {

    public static final Duration QUIET = Duration.ofSeconds(20);

    private EngineFixture() {
    }

    public static BoxOfficeBuilder engine(Stores stores, Path dir, MutableClock clock) {
        return stores.on(BoxOffice.builder(), dir).clock(clock).orderReplicas(3);
    }

    public static Money usd(String amount) {
        return Money.of(amount, "USD");
    }

    /**
     * Creates "Opera" at $10 and edits it {@code edits} times, the i-th edit to "Opera i" at $(10 + i): the ticket
     * ends at version {@code edits}. Returns the ticket as created.
     */
    public static Ticket operaEdited(BoxOffice engine, int edits) {
        Ticket ticket = engine.tickets().create("Opera", usd("10"), "seller");
        for (int i = 1; i <= edits; i++) {
            engine.tickets().update(ticket.id(), "Opera " + i, usd(String.valueOf(10 + i)), "seller");
        }
        return ticket;
    }
}
