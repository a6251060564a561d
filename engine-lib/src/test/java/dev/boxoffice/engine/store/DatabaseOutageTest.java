package dev.boxoffice.engine.store;

import static dev.boxoffice.engine.support.EngineFixture.usd;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.boxoffice.engine.BoxOffice;
import dev.boxoffice.engine.DatabaseUnreachableException;
import dev.boxoffice.engine.order.TicketReplica;
import dev.boxoffice.engine.support.Await;
import dev.boxoffice.engine.support.KillablePostgres;
import dev.boxoffice.engine.ticket.Ticket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * PostgreSQL killed (SIGKILL) under a running engine: commands say the database is unreachable, and change
 * nothing; relays and consumers wait; once it is back they resume by themselves, and every committed change is
 * there and reaches the other services.
 */
class DatabaseOutageTest {

    private static final Duration QUIET = Duration.ofSeconds(60);

    @TempDir
    Path dir;

    @Test
    void shouldRefuseCommandsWhileTheDatabaseIsDown_andResumeByItself_losingNothingCommitted() throws Exception {
        try (KillablePostgres database = KillablePostgres.start();
             BoxOffice engine = BoxOffice.builder().dataDirectory(dir).orderReplicas(2)
                     .storage(Storage.postgres(database.url(), "postgres", "postgres")).build()) {
            List<Ticket> committed = new ArrayList<>();
            for (int i = 0; i < 20; i++) {
                committed.add(engine.tickets().create("Before " + i, usd("10"), "seller"));
            }
            database.kill(); // with events of those tickets still on their way, likely

            assertThatThrownBy(() -> engine.tickets().create("During", usd("10"), "seller"))
                    .isInstanceOf(DatabaseUnreachableException.class)
                    .hasMessageContaining("tickets");

            database.restart();
            Await.until("a command to go through again", QUIET,
                    () -> attempt(() -> engine.tickets().create("After", usd("10"), "seller")).map(committed::add)
                            .isPresent());
            engine.awaitQuiescence(QUIET);

            for (Ticket t : committed) {
                assertThat(engine.tickets().find(t.id())).as("committed ticket %s", t.title()).contains(t);
                assertThat(engine.orders().ticketReplica(t.id()))
                        .contains(new TicketReplica(t.id(), t.title(), t.price(), "seller", 0));
            }
            assertThat(engine.tickets().list()).extracting(Ticket::title).doesNotContain("During");
            assertThat(engine.deadLetters().list()).isEmpty();
        }
    }

    private static <T> Optional<T> attempt(java.util.function.Supplier<T> command) {
        try {
            return Optional.of(command.get());
        } catch (DatabaseUnreachableException e) {
            return Optional.empty();
        }
    }
}
