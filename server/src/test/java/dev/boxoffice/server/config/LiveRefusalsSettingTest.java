package dev.boxoffice.server.config;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.boxoffice.server.ApiTestSupport;
import io.micronaut.context.annotation.Property;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/**
 * The console's live demonstration, through the server as a user drives it: with entity affinity off and one
 * delivery per fetch, concurrent edits of a ticket over HTTP reach the racing order replicas out of order; the
 * operator API shows them refused and redelivered, and the replicas still end equal to the tickets service.
 */
@MicronautTest
@Property(name = "boxoffice.entity-affinity", value = "false")
@Property(name = "boxoffice.fetch-batch", value = "1")
@Property(name = "boxoffice.order-replicas", value = "4")
class LiveRefusalsSettingTest extends ApiTestSupport {

    @Test
    void shouldShowOutOfOrderRefusalsForConcurrentHttpEdits_andEndRight() throws Exception {
        Session seller = signup();
        String ticketId = replicatedTicket(seller, "Live", "10");
        ExecutorService clients = Executors.newFixedThreadPool(16);
        List<Future<Integer>> edits = new ArrayList<>();
        for (int client = 0; client < 16; client++) {
            int c = client;
            edits.add(clients.submit(() -> {
                int acknowledged = 0;
                for (int k = 0; k < 20; k++) {
                    Reply reply = put("/api/tickets/" + ticketId, "{\"title\":\"Edit " + c + "-" + k + "\",\"price\":"
                            + (10 + k) + "}", seller);
                    acknowledged += reply.status() == 200 ? 1 : 0;
                }
                return acknowledged;
            }));
        }
        int acknowledged = 0;
        for (Future<Integer> edit : edits) {
            acknowledged += edit.get();
        }
        clients.shutdown();
        engine.awaitQuiescence(QUIET);

        assertThat(acknowledged).isEqualTo(320);
        JsonNode owner = get("/api/tickets/" + ticketId, null).json();
        JsonNode replica = get("/api/admin/ticket-replicas/" + ticketId, operator()).json();
        assertThat(owner.path("version").asLong()).isEqualTo(320);
        assertThat(replica.path("version").asLong()).isEqualTo(320);
        assertThat(replica.path("title").asText()).isEqualTo(owner.path("title").asText());
        long refused = 0;
        for (JsonNode counters : get("/api/admin/replicas", operator()).json()) {
            if (counters.path("group").asText().equals("orders")) {
                refused += counters.path("outOfOrderRefused").asLong();
            }
        }
        assertThat(refused).as("out-of-order refusals shown by the operator API").isPositive();
    }
}
