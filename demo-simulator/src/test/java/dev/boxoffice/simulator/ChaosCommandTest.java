package dev.boxoffice.simulator;

import static dev.boxoffice.simulator.Cli.run;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.boxoffice.engine.support.NatsServer;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Short chaos runs, as the command runs them: real server nodes in child JVMs killed with SIGKILL under load, and
 * in a cluster a real PostgreSQL and nats-server killed too (the broker's store wiped). Each fails when an
 * invariant breaks: the command exits 1 and names it.
 */
class ChaosCommandTest {

    @TempDir
    Path dir;

    @Test
    void shouldKillTheNodeUnderLoad_andFindEveryInvariantHolding() throws Exception {
        Path report = dir.resolve("chaos.html");
        Cli cli = run("chaos", "--rounds", "2", "--round-seconds", "4", "--seed", "3", "--buyers", "6",
                "--data-dir", dir.resolve("run").toString(), "--report", report.toString());

        assertThat(cli.exit()).as(cli.out() + cli.err()).isZero();
        assertThat(cli.out()).contains("1 node (SQLite", "round 1: kill -9 node-1", "round 2: node-1 restarted")
                .contains("Every invariant holds.");
        assertThat(cli.out().lines().filter(l -> l.startsWith("  PASS  "))).hasSize(7);
        assertThat(cli.out()).containsPattern("Figures: [0-9,]+ requests, [1-9][0-9,]* acknowledged writes");
        String html = Files.readString(report);
        assertThat(html).contains("<svg", "kill -9 node-1", "Every invariant holds.", "PASS");
    }

    @Test
    void shouldKillANodeTheBrokerAndTheDatabaseOfACluster_andRepublishWhatTheBrokerLost() throws Exception {
        NatsServer.requireBinary();
        Cli cli = run("chaos", "--cluster", "--nodes", "2", "--rounds", "3", "--round-seconds", "5", "--seed", "1",
                "--buyers", "6", "--data-dir", dir.resolve("run").toString(), "--json");

        assertThat(cli.exit()).as(cli.out() + cli.err()).isZero();
        JsonNode result = new ObjectMapper().readTree(cli.out());
        assertThat(result.path("holds").asBoolean()).isTrue();
        assertThat(result.path("deployment").asText()).isEqualTo("2 nodes sharing PostgreSQL and a nats-server");
        JsonNode kills = result.path("figures").path("kills");
        assertThat(kills.path("node").asInt()).isEqualTo(1);
        assertThat(kills.path("nats-server").asInt()).isEqualTo(1);
        assertThat(kills.path("postgres").asInt()).isEqualTo(1);
        assertThat(result.path("figures").path("republishedEvents").asLong()).isPositive();
        assertThat(result.path("figures").path("acknowledgedWrites").asLong()).isPositive();
        assertThat(result.path("invariants")).hasSize(7).allSatisfy(i -> assertThat(i.path("holds").asBoolean())
                .as(i.toString()).isTrue());
        assertThat(cli.err()).contains("its store wiped before the restart");
    }

    @Test
    void shouldRefuseBadOptions_inOneLine() throws Exception {
        Cli nodes = run("chaos", "--cluster", "--nodes", "9");
        assertThat(nodes.exit()).isEqualTo(2);
        assertThat(nodes.err().strip()).isEqualTo("Error: --nodes must be 2 to 5 (usage: boxoffice-simulator chaos "
                + "--help)");

        Files.writeString(dir.resolve("left-over"), "x");
        Cli used = run("chaos", "--data-dir", dir.toString());
        assertThat(used.exit()).isEqualTo(2);
        assertThat(used.err()).contains("--data-dir " + dir + " is not empty").doesNotContain("\tat ");
    }
}
