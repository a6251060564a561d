package dev.boxoffice.simulator;

import static dev.boxoffice.simulator.Cli.run;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.boxoffice.engine.support.SeededTest;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.SplittableRandom;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RunCommandTest {

    private static final Faults DEFAULT_FAULTS = new Faults(0.1, 0.3, Duration.ofMillis(20), true);

    @TempDir
    Path dir;



    @SeededTest(8)
    void shouldConvergeWithRefusals_whenVersioned(long seed) {
        int replicas = new SplittableRandom(seed).nextInt(2, 7);
        SimulationResult result = new EmbeddedSimulation(Mode.VERSIONED, replicas, 3, 60, seed, DEFAULT_FAULTS)
                .run(p -> { });

        assertThat(result.converged()).as("seed %d", seed).isTrue();
        assertThat(result.divergedTickets()).isZero();
        assertThat(result.outOfOrderRefused()).as("refusals with seed %d", seed).isPositive();
        assertThat(result.asPromised()).isTrue();
        EventOutcomes.Row outcomes = result.outcomes().total();
        assertThat(outcomes.events()).as("every event ends one way").isEqualTo(3 + 60);
        assertThat(outcomes.appliedInOrder() + outcomes.appliedAfterRedelivery() + outcomes.snapshotsApplied())
                .as("the applied deliveries, explained").isEqualTo(result.applied());
        assertThat(outcomes.coveredBySnapshot() + outcomes.duplicateDeliveriesDropped())
                .as("the dropped deliveries, explained").isEqualTo(result.duplicatesDropped());
    }

    @Test
    void shouldDivergeWithoutVersions_forTheDefaultFaultsOnAFixedSeed() throws Exception {
        Cli outcome = run("run", "--mode", "naive", "--seed", "42", "--json");

        JsonNode json = new ObjectMapper().readTree(outcome.out());
        assertThat(outcome.exit()).as("naive diverging is the expected demo").isZero();
        assertThat(json.path("converged").asBoolean()).isFalse();
        assertThat(json.path("divergedTickets").asInt()).isPositive();
        assertThat(json.path("mode").asText()).isEqualTo("naive");
    }

    @Test
    void shouldPrintTheSummaryAsOneJsonObjectWithItsFields() throws Exception {
        Cli outcome = run("run", "--replicas", "3", "--updates", "40", "--seed", "5", "--json");

        JsonNode json = new ObjectMapper().readTree(outcome.out());
        for (String field : new String[] {"mode", "replicas", "converged", "divergedTickets", "delivered", "applied",
            "duplicatesDropped", "outOfOrderRefused", "redelivered", "seed"}) {
            assertThat(json.has(field)).as(field).isTrue();
        }
        assertThat(json.path("replicas").asInt()).isEqualTo(3);
        assertThat(json.path("seed").asLong()).isEqualTo(5);
        assertThat(json.path("perReplica")).hasSize(3);
        JsonNode outcomes = json.path("eventOutcomes").path("total");
        assertThat(outcomes.path("appliedInOrder").asLong() + outcomes.path("appliedAfterRedelivery").asLong()
                + outcomes.path("coveredBySnapshot").asLong()).as("each of 5 creations and 40 edits").isEqualTo(45);
        assertThat(json.path("delivered").asLong()).isGreaterThanOrEqualTo(json.path("applied").asLong());
        assertThat(outcome.exit()).isZero();
    }

    @Test
    void shouldWriteASelfContainedReportWithOneLanePerReplica() throws Exception {
        Path report = dir.resolve("run.html");

        Cli outcome = run("run", "--replicas", "5", "--updates", "80", "--report", report.toString());

        assertThat(outcome.exit()).isZero();
        assertThat(outcome.out()).contains("CONVERGED").contains("Report written to");
        String html = Files.readString(report);
        assertThat(Pattern.compile("<g class=\"lane\"").matcher(html).results().count()).isEqualTo(5);
        assertThat(html).contains("How each ticket event reached the replica").contains("0 ms</text>")
                .contains("transport faults: 10 % of deliveries duplicated, 30 % held back up to 20 ms")
                .contains("seed ").contains("vary from run to run");
        assertThat(html).contains("data-replica=\"orders@node-1#5\"").contains("class=\"refused\"")
                .doesNotContain("<script").doesNotContain("src=").doesNotContain("href=")
                .doesNotContain("https://");
    }

    @Test
    void shouldRefuseBadOptionsWithAClearMessage() {
        Cli mode = run("run", "--mode", "sideways");
        assertThat(mode.exit()).isEqualTo(2);
        assertThat(mode.err()).contains("--mode must be versioned or naive, was 'sideways'");

        Cli replicas = run("run", "--replicas", "0");
        assertThat(replicas.exit()).isEqualTo(2);
        assertThat(replicas.err()).contains("--replicas must be between 1 and 64");

        Cli server = run("run", "--server", "http://127.0.0.1:1");
        assertThat(server.exit()).isEqualTo(2);
        assertThat(server.err()).contains("--server needs --email and --password");

        Cli unreachable = run("run", "--server", "http://127.0.0.1:1", "--email", "a@b.co", "--password", "x");
        assertThat(unreachable.exit()).isEqualTo(1);
        assertThat(unreachable.err()).startsWith("Error: Cannot reach http://127.0.0.1:1").doesNotContain("\tat ")
                .doesNotContain("null");

        Path nowhere = dir.resolve("missing-folder").resolve("run.html");
        Cli report = run("run", "--updates", "1000000", "--report", nowhere.toString());
        assertThat(report.exit()).as("refused before a long run").isEqualTo(2);
        assertThat(report.err()).contains("--report").contains("cannot be written");
    }

    @Test
    void shouldOfferHelpWithExamplesOnEveryCommand() {
        for (String[] args : new String[][] {{"--help"}, {"story", "--help"}, {"run", "--help"}}) {
            Cli help = run(args);
            assertThat(help.exit()).isZero();
            assertThat(help.out()).contains("Usage:").contains("Example");
        }
    }
}
