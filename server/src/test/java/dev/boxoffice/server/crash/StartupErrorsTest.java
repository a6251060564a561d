package dev.boxoffice.server.crash;

import static org.assertj.core.api.Assertions.assertThat;

import dev.boxoffice.engine.support.TempDirs;
import dev.boxoffice.server.crash.ServerProcess.Refusal;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse.BodyHandlers;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A server that cannot start says why in one line on standard error, naming the setting and the accepted form,
 * and exits with status 1: no stack trace, no default used in silence, no harm to a server already running.
 */
class StartupErrorsTest {

    private final Path work = TempDirs.create("startup-errors");

    @AfterEach
    void clean() {
        TempDirs.delete(work);
    }

    private Refusal start(Map<String, String> environment, String... properties) throws Exception {
        Map<String, String> env = new java.util.HashMap<>(Map.of("BOXOFFICE_DATA_DIR", work.resolve("data").toString(),
                "MICRONAUT_SERVER_PORT", "-1"));
        env.putAll(environment);
        return ServerProcess.failedStart(work, env, properties);
    }

    /** Exit status 1 and exactly one line on standard error, which says {@code expected}. */
    private static void assertOneLine(Refusal refusal, String... expected) {
        assertThat(refusal.exitStatus()).as(refusal.stdout()).isEqualTo(1);
        assertThat(refusal.stderr().lines().toList()).as(refusal.stderr()).singleElement().satisfies(line -> {
            assertThat(line).startsWith("boxoffice: ").contains(expected);
        });
        assertThat(refusal.stdout() + refusal.stderr()).doesNotContain("\tat ").doesNotContain("Exception");
    }

    @Test
    void shouldNameTheVariableAndTheAcceptedForm_forABadSetting() throws Exception {
        assertOneLine(start(Map.of("MICRONAUT_SERVER_PORT", "abc")), "MICRONAUT_SERVER_PORT", "'abc'", "1 to 65535");
        assertOneLine(start(Map.of("BOXOFFICE_EXPIRY_WINDOW", "banana")), "BOXOFFICE_EXPIRY_WINDOW", "'banana'",
                "15m");
        assertOneLine(start(Map.of("BOXOFFICE_ADMIN_PASSWORD", "abc")), "BOXOFFICE_ADMIN_PASSWORD", "3 characters",
                "4 to 72");
        assertOneLine(start(Map.of("BOXOFFICE_ORDER_REPLICAS", "0")), "BOXOFFICE_ORDER_REPLICAS", "1 to 64");
        assertOneLine(start(Map.of("BOXOFFICE_OUTBOX_RETENTION", "0s")), "BOXOFFICE_OUTBOX_RETENTION", "'0s'");
        assertOneLine(start(Map.of("BOXOFFICE_ENTITY_AFFINITY", "maybe")), "BOXOFFICE_ENTITY_AFFINITY",
                "true or false");
        assertOneLine(start(Map.of("BOXOFFICE_NATS_URL", "nats://127.0.0.1:1")), "BOXOFFICE_NATS_URL",
                "Cannot reach the NATS server at nats://127.0.0.1:1");
        assertOneLine(start(Map.of("BOXOFFICE_DATABASE_URL", "postgres://db/boxoffice")), "BOXOFFICE_DATABASE_URL",
                "'postgres://db/boxoffice'", "jdbc:postgresql://");
        assertOneLine(start(Map.of("BOXOFFICE_DATABASE_URL", "jdbc:postgresql://127.0.0.1:1/boxoffice")),
                "BOXOFFICE_DATABASE_URL", "Cannot reach the database", "127.0.0.1:1", "is PostgreSQL running there");
        assertOneLine(start(Map.of("BOXOFFICE_NODE_ID", "node 2")), "BOXOFFICE_NODE_ID", "'node 2'",
                "letters, digits");
        assertOneLine(start(Map.of("BOXOFFICE_DATABASE_URL", "jdbc:postgresql://127.0.0.1:1/boxoffice",
                        "BOXOFFICE_NATS_URL", "nats://127.0.0.1:1")), "BOXOFFICE_JWT_SECRET", "is not set",
                "nodes of a cluster", "same one");
        Path file = Files.writeString(work.resolve("not-a-directory"), "x");
        assertOneLine(start(Map.of("BOXOFFICE_DATA_DIR", file.toString())), "BOXOFFICE_DATA_DIR", "is a file");
    }

    @Test
    void shouldRefuseANodeIdThatARunningNodeHas() throws Exception {
        String database = dev.boxoffice.engine.support.Postgres.newDatabase();
        dev.boxoffice.engine.store.Storage.postgres(database, "postgres", "postgres").open("cluster", 1, "cluster")
                .close();
        try (var c = java.sql.DriverManager.getConnection(database, "postgres", "postgres");
             var s = c.createStatement()) {
            // a node-2 that keeps reporting: seen an hour ahead of now, so it stays live through the wait
            s.execute("INSERT INTO cluster.nodes (node_id, run_id, started_at_ms, last_seen_ms) VALUES ('node-2', "
                    + "'running', 0, " + (System.currentTimeMillis() + 3_600_000) + ")");
        }

        assertOneLine(start(Map.of("BOXOFFICE_DATABASE_URL", database, "BOXOFFICE_DATABASE_USER", "postgres",
                        "BOXOFFICE_DATABASE_PASSWORD", "postgres", "BOXOFFICE_NODE_ID", "node-2")),
                "BOXOFFICE_NODE_ID", "'node-2' is in use by a running node");
    }

    @Test
    void shouldSayThePortIsInUse() throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            int port = taken.getLocalPort();
            assertOneLine(start(Map.of("MICRONAUT_SERVER_PORT", String.valueOf(port))), "port " + port,
                    "in use", "MICRONAUT_SERVER_PORT");
        }
    }

    @Test
    void shouldRefuseASecondServerOnADataDirectoryInUse_andLeaveTheFirstServing() throws Exception {
        Path dir = work.resolve("shared");
        try (ServerProcess first = ServerProcess.start(dir)) {
            Refusal second = start(Map.of("BOXOFFICE_DATA_DIR", dir.toString()));

            assertOneLine(second, dir.toString(), "in use", "process ");
            HttpClient http = HttpClient.newHttpClient();
            var signup = http.send(HttpRequest.newBuilder(URI.create(first.url + "/api/users/signup"))
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString("{\"email\":\"still@up.co\",\"password\":\"secret\"}"))
                    .build(), BodyHandlers.ofString());
            assertThat(signup.statusCode()).as("the first server still writes").isEqualTo(201);
        }
    }
}
