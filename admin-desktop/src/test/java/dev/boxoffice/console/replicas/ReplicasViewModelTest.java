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

    private final ConsoleClient client = RealServer.operator();
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
        assertThat(model.versions()).filteredOn(v -> v.ticketId().equals(ticket.id())).singleElement()
                .satisfies(v -> assertThat(v.title()).as("a ticket by its title").isEqualTo("Versions"));
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

    @Test
    void shouldGroupInstancesByNode_andShowANodeThatStoppedReporting() throws Exception {
        java.nio.file.Path dir = java.nio.file.Files.createTempDirectory("console-nodes");
        io.micronaut.runtime.server.EmbeddedServer server = RealServer.start(dir, -1);
        try (ConsoleClient own = ConsoleClient.signIn("http://127.0.0.1:" + server.getPort(),
                RealServer.OPERATOR_EMAIL, RealServer.OPERATOR_PASSWORD)) {
            // another node that shares the cluster store and reported last a minute ago (killed, say)
            try (var c = java.sql.DriverManager.getConnection("jdbc:sqlite:" + dir.resolve("cluster.db"));
                 var statement = c.createStatement()) {
                String now = "CAST((julianday('now') - 2440587.5) * 86400000.0 AS INTEGER)";
                statement.execute("INSERT INTO nodes (node_id, run_id, started_at_ms, last_seen_ms) VALUES "
                        + "('node-9', 'gone', " + now + " - 120000, " + now + " - 60000)");
                statement.execute("INSERT INTO replica_reports VALUES ('node-9', 'orders@node-9#1', 'orders', "
                        + "7, 5, 0, 2, 2, 0, 0)");
            }
            ReplicasViewModel nodes = new ReplicasViewModel(Tasks.inline(), own);

            nodes.refresh();

            assertThat(nodes.errorProperty().get()).isEmpty();
            assertThat(nodes.nodes()).extracting(ReplicasViewModel.NodeLine::nodeId).hasSize(2).endsWith("node-9");
            assertThat(nodes.nodes().get(0).status()).isEqualTo("live");
            ReplicasViewModel.NodeLine gone = nodes.nodes().get(1);
            assertThat(gone.live()).isFalse();
            assertThat(gone.status()).matches("stopped reporting (59|60|61) s ago");
            assertThat(gone.instances()).singleElement().satisfies(r -> {
                assertThat(r.replica().id()).isEqualTo("orders@node-9#1");
                assertThat(r.replica().outOfOrderRefused()).isEqualTo(2);
            });
            assertThat(nodes.rows()).extracting(r -> r.replica().node()).endsWith("node-9");
        } finally {
            server.getApplicationContext().close();
        }
    }
}
