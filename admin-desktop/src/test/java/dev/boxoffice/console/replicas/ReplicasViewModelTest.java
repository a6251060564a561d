package dev.boxoffice.console.replicas;

import static dev.boxoffice.engine.support.EngineFixture.QUIET;
import static org.assertj.core.api.Assertions.assertThat;

import dev.boxoffice.engine.support.Await;
import dev.boxoffice.console.RealServer;
import dev.boxoffice.console.app.Tasks;
import dev.boxoffice.console.client.ConsoleClient;
import dev.boxoffice.console.client.Rows.Ticket;
import java.math.BigDecimal;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class ReplicasViewModelTest {

    private final ConsoleClient client = ConsoleClient.signIn(RealServer.url(), RealServer.OPERATOR_EMAIL,
            RealServer.OPERATOR_PASSWORD);
    private final ReplicasViewModel model = new ReplicasViewModel(Tasks.inline(), client);

    @AfterEach
    void close() {
        client.close();
    }

    @Test
    void shouldShowEveryInstanceAndTheTicketVersionsCatchingUp() {
        Ticket ticket = client.createTicket("Versions", BigDecimal.ONE);
        for (int i = 2; i <= 6; i++) {
            client.updateTicket(ticket.id(), "Versions", BigDecimal.valueOf(i));
        }

        Await.until("the replica in step with the owner", QUIET, () -> {
            model.refresh();
            return model.versions().stream().anyMatch(v -> v.ticketId().equals(ticket.id()) && v.inStep()
                    && v.replicaVersion() == 5);
        });

        assertThat(model.errorProperty().get()).isEmpty();
        assertThat(model.rows()).extracting(r -> r.replica().group()).contains("orders", "tickets", "payments");
        // one server: one node, live, holding every duty, with every instance under it
        assertThat(model.nodes()).singleElement().satisfies(node -> {
            assertThat(node.live()).isTrue();
            assertThat(node.status()).isEqualTo("live");
            assertThat(node.duties()).contains("expiration-timers", "relay:orders");
            assertThat(node.instances()).hasSameSizeAs(model.rows());
            assertThat(node.instances()).allSatisfy(r -> {
                assertThat(r.replica().node()).isEqualTo(node.nodeId());
                assertThat(r.replica().id()).startsWith(r.replica().group() + "@" + node.nodeId() + "#");
            });
        });
        assertThat(model.rows().stream().filter(r -> r.replica().group().equals("orders"))
                .mapToLong(r -> r.replica().applied()).sum()).isGreaterThanOrEqualTo(6);
    }
}
