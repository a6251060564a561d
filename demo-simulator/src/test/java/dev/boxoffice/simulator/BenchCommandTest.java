package dev.boxoffice.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The bench command's output, not its speed: the suite never times things. */
class BenchCommandTest {

    @Test
    void shouldPrintEveryFigureWithEngineBaselineRatioAndTarget() throws Exception {
        StringWriter out = new StringWriter();
        int exit = SimulatorCommand.commandLine().setOut(new PrintWriter(out)).setErr(new PrintWriter(new StringWriter()))
                .execute("bench", "--quick", "--json");

        assertThat(exit).isZero();
        JsonNode benchmarks = new ObjectMapper().readTree(out.toString()).path("benchmarks");
        List<String> names = new ArrayList<>();
        for (JsonNode row : benchmarks) {
            names.add(row.path("name").asText());
            if (row.path("engine").isNull()) { // only a figure that needs what this machine lacks, and says so
                assertThat(row.path("target").asText()).startsWith("not measured: ");
                assertThat(System.getenv("CI")).as("CI has nats-server and runs PostgreSQL").isNotEqualTo("true");
                continue;
            }
            assertThat(row.path("engine").asDouble()).as(row.toString()).isPositive();
            assertThat(row.has("unit") && row.has("target") && row.has("met")).isTrue();
            if (!row.path("baseline").isNull()) {
                assertThat(row.path("ratio").asDouble())
                        .isCloseTo(row.path("engine").asDouble() / row.path("baseline").asDouble(),
                                org.assertj.core.data.Offset.offset(1e-9));
            }
        }
        assertThat(names.subList(0, 8)).containsExactly("reserve", "replicate", "replicate-latency", "reorder",
                "http-order", "durable-reserve", "replicate-nats", "reserve-pg");
        // cluster-order: three comparisons, or one line saying what it needs; then cost as data grows, and soak
        List<String> large = List.of("reserve-large", "ticket-page-large", "order-lookup-large", "soak");
        List<String> cluster = names.subList(8, names.size() - large.size());
        assertThat(cluster).isIn(List.of("cluster-order-1", "cluster-order-2", "cluster-scale"),
                List.of("cluster-order"));
        assertThat(names.subList(names.size() - large.size(), names.size())).isEqualTo(large);
    }

    @Test
    void shouldMeasureReservePg_onThePostgresItIsGiven() throws Exception {
        String url = dev.boxoffice.engine.support.Postgres.newDatabase() + "&password=postgres";
        StringWriter out = new StringWriter();
        int exit = SimulatorCommand.commandLine().setOut(new PrintWriter(out)).setErr(new PrintWriter(new StringWriter()))
                .execute("bench", "--quick", "--json", "--only", "reserve-pg", "--postgres", url);

        assertThat(exit).isZero();
        JsonNode row = new ObjectMapper().readTree(out.toString()).path("benchmarks").get(0);
        assertThat(row.path("name").asText()).isEqualTo("reserve-pg");
        assertThat(row.path("engine").asDouble()).as(row.toString()).isPositive();
        assertThat(row.path("baseline").asDouble()).as(row.toString()).isPositive();
    }

    @Test
    void shouldRefuseAPostgresOptionThatIsNotAJdbcUrl_inOneLine() {
        StringWriter err = new StringWriter();
        int exit = SimulatorCommand.commandLine().setOut(new PrintWriter(new StringWriter()))
                .setErr(new PrintWriter(err)).execute("bench", "--only", "reserve-pg", "--postgres", "db:5432");

        assertThat(exit).isEqualTo(2);
        assertThat(err.toString()).contains("--postgres must be a PostgreSQL JDBC URL").contains("'db:5432'")
                .doesNotContain("Exception");
    }

    @Test
    void shouldTakeTheMedianOfAsManyRunsAsAsked() throws Exception {
        StringWriter out = new StringWriter();
        int exit = SimulatorCommand.commandLine().setOut(new PrintWriter(out)).setErr(new PrintWriter(new StringWriter()))
                .execute("bench", "--quick", "--json", "--only", "reserve", "--runs", "3");

        assertThat(exit).isZero();
        JsonNode row = new ObjectMapper().readTree(out.toString()).path("benchmarks").get(0);
        assertThat(row.path("engineRuns")).as(row.toString()).hasSize(3);
        double[] runs = new double[3];
        for (int i = 0; i < 3; i++) {
            runs[i] = row.path("engineRuns").get(i).asDouble();
        }
        java.util.Arrays.sort(runs);
        assertThat(row.path("engine").asDouble()).isEqualTo(runs[1]);
    }

    @Test
    void shouldRefuseRunsOutOfRange_inOneLine() {
        for (String runs : List.of("0", "100")) {
            StringWriter err = new StringWriter();
            int exit = SimulatorCommand.commandLine().setOut(new PrintWriter(new StringWriter()))
                    .setErr(new PrintWriter(err)).execute("bench", "--only", "reserve", "--runs", runs);

            assertThat(exit).as(runs).isEqualTo(2);
            assertThat(err.toString()).contains("--runs must be 1 to 99, was " + runs).doesNotContain("Exception");
        }
    }

    @Test
    void shouldRefuseAnUnknownFigureWithTheListOfKnownOnes() {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int exit = SimulatorCommand.commandLine().setOut(new PrintWriter(out)).setErr(new PrintWriter(err))
                .execute("bench", "--quick", "--only", "reserve,teleport");

        assertThat(exit).isEqualTo(2);
        assertThat(err.toString()).contains("Unknown figure 'teleport'").contains("durable-reserve")
                .doesNotContain("Exception");
        assertThat(out.toString()).isEmpty();
    }
}
