package dev.boxoffice.simulator;

import static dev.boxoffice.simulator.Cli.run;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.boxoffice.engine.support.NatsServer;
import io.nats.client.Connection;
import io.nats.client.Nats;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** {@code run --nats} and {@code story --nats} on a real nats-server, each on a stream of its own, removed after. */
class OverJetStreamTest {

    @RegisterExtension
    static final NatsServer.PerClass BROKER = new NatsServer.PerClass();



    @Test
    void shouldConvergeWithRefusals_whenTheReplicasRaceOverJetStream() throws Exception {
        Cli outcome = run("run", "--nats", BROKER.url(), "--tickets", "3", "--updates", "60", "--seed", "7",
                "--json");

        assertThat(outcome.exit()).as(outcome.err()).isZero();
        JsonNode json = new ObjectMapper().readTree(outcome.out());
        assertThat(json.path("converged").asBoolean()).isTrue();
        assertThat(json.path("conditions").asText()).contains("NATS JetStream at " + BROKER.url());
        assertThat(json.path("outOfOrderRefused").asLong()).isPositive();
        assertThat(streams()).as("the run's stream is removed").isZero();
    }

    @Test
    void shouldTellTheStoryOverJetStream() throws Exception {
        Cli outcome = run("story", "--nats", BROKER.url());

        assertThat(outcome.exit()).as(outcome.out() + outcome.err()).isZero();
        assertThat(outcome.out()).contains("The events travel over NATS JetStream")
                .contains("WRONG — the late event overwrote newer data").contains("RIGHT.");
        assertThat(streams()).isZero();
    }

    @Test
    void shouldRefuseNatsWithServer_andNameAnUnreachableBroker() {
        Cli both = run("run", "--server", "http://127.0.0.1:1", "--email", "a@b.co", "--password", "x",
                "--nats", BROKER.url());
        assertThat(both.exit()).isEqualTo(2);
        assertThat(both.err()).contains("--nats is for the embedded engine");

        Cli unreachable = run("run", "--nats", "nats://127.0.0.1:1", "--updates", "5");
        assertThat(unreachable.exit()).isEqualTo(1);
        assertThat(unreachable.err()).contains("Cannot reach the NATS server at nats://127.0.0.1:1")
                .doesNotContain("\tat ");
    }

    private static long streams() throws Exception {
        try (Connection connection = Nats.connect(BROKER.url())) {
            return connection.jetStreamManagement().getStreamNames().size();
        }
    }
}
