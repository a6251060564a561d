package dev.boxoffice.console.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import dev.boxoffice.engine.support.Await;
import dev.boxoffice.engine.testing.LoopbackPorts;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse.BodyHandlers;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The README's first command, {@code ./boxoffice}, as a newcomer without a display runs it: it does not rebuild
 * what is built, it prints the operator password and that password works, and a server that cannot start says
 * why in one line and exits non-zero. (This module's tests run after the server's jar is packaged.)
 */
class LauncherTest {

    private static final Path LAUNCHER = Path.of("..", "boxoffice").toAbsolutePath().normalize();
    private static final Duration START = Duration.ofSeconds(90);
    private static final Pattern PASSWORD = Pattern.compile("Operator account: (\\S+) / (\\S+) \\(kept in");

    @TempDir
    Path work;

    private ProcessBuilder launcher(Map<String, String> environment, String... arguments) throws IOException {
        List<String> command = new java.util.ArrayList<>(List.of("sh", LAUNCHER.toString()));
        command.addAll(List.of(arguments));
        ProcessBuilder builder = new ProcessBuilder(command)
                .directory(LAUNCHER.getParent().toFile())
                .redirectOutput(Files.createTempFile(work, "stdout", ".log").toFile())
                .redirectError(Files.createTempFile(work, "stderr", ".log").toFile());
        builder.environment().remove("DISPLAY");
        builder.environment().remove("WAYLAND_DISPLAY");
        builder.environment().remove("BOXOFFICE_ADMIN_PASSWORD");
        builder.environment().put("BOXOFFICE_DATA_DIR", work.resolve("data").toString());
        builder.environment().putAll(environment);
        return builder;
    }

    private static String stderr(ProcessBuilder builder) throws IOException {
        return Files.readString(builder.redirectError().file().toPath());
    }

    @Test
    void shouldStartTheServerAloneWithoutADisplay_withoutRebuilding_andPrintAWorkingOperatorPassword()
            throws Exception {
        int port = LoopbackPorts.free();
        ProcessBuilder builder = launcher(Map.of("MICRONAUT_SERVER_PORT", String.valueOf(port)));
        Process process = builder.start();
        try {
            HttpClient http = HttpClient.newHttpClient();
            Await.until("the server to answer", START, () -> {
                assertThat(process.isAlive()).as(() -> "still running; stderr: " + read(builder)).isTrue();
                try {
                    return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/health"))
                            .build(), BodyHandlers.ofString()).statusCode() == 200;
                } catch (IOException e) {
                    return false;
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException(e);
                }
            });
            String said = stderr(builder);
            assertThat(said).contains("No display here").doesNotContain("Building");
            Matcher account = PASSWORD.matcher(said);
            assertThat(account.find()).as(said).isTrue();

            var signin = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port
                            + "/api/users/signin")).header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString("{\"email\":\"" + account.group(1)
                            + "\",\"password\":\"" + account.group(2) + "\"}")).build(), BodyHandlers.ofString());
            assertThat(signin.statusCode()).as(signin.body()).isEqualTo(200);
            var stats = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/admin/stats"))
                    .header("Authorization", "Bearer " + signin.body().replaceAll(".*\"token\":\"([^\"]+)\".*", "$1"))
                    .build(), BodyHandlers.ofString());
            assertThat(stats.statusCode()).as("an operator route").isEqualTo(200);
        } finally {
            process.descendants().forEach(ProcessHandle::destroyForcibly);
            process.destroyForcibly();
            process.waitFor();
        }
    }

    private static String read(ProcessBuilder builder) {
        try {
            return stderr(builder);
        } catch (IOException e) {
            return e.toString();
        }
    }

    @Test
    void shouldSayInOneLineWhyTheServerCannotStart_andExitNonZero() throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            Map<Map<String, String>, String> cases = Map.of(
                    Map.of("MICRONAUT_SERVER_PORT", String.valueOf(taken.getLocalPort())),
                    "port " + taken.getLocalPort() + " is in use",
                    Map.of("MICRONAUT_SERVER_PORT", "abc"), "MICRONAUT_SERVER_PORT",
                    Map.of("BOXOFFICE_EXPIRY_WINDOW", "banana", "MICRONAUT_SERVER_PORT", "0"), "BOXOFFICE_EXPIRY_WINDOW",
                    Map.of("BOXOFFICE_DATA_DIR", Files.writeString(work.resolve("a-file"), "x").toString()),
                    "BOXOFFICE_DATA_DIR");
            for (var bad : cases.entrySet()) {
                ProcessBuilder builder = launcher(bad.getKey());
                Process process = builder.start();
                assertThat(process.waitFor(START.toSeconds(), TimeUnit.SECONDS)).as("%s ends by itself", bad).isTrue();

                assertThat(process.exitValue()).as("%s: %s", bad, stderr(builder)).isEqualTo(1);
                List<String> problems = stderr(builder).lines().filter(l -> l.startsWith("boxoffice: ")).toList();
                assertThat(problems).as("%s: %s", bad, stderr(builder)).singleElement().asString()
                        .contains(bad.getValue());
                assertThat(stderr(builder)).doesNotContain("\tat ").doesNotContain("Exception");
            }
        }
    }

    /**
     * {@code ./boxoffice cluster --nodes 2} without a display: a nats-server, PostgreSQL and two nodes that see each
     * other; stopped (TERM, as Ctrl-C's trap does), it stops every process it started.
     */
    @Test
    void shouldStartALocalClusterThatSeesEveryNode_andStopEverythingItStarted() throws Exception {
        int port = LoopbackPorts.freeConsecutive(2); // the nodes take consecutive ports
        int nats = LoopbackPorts.free();
        int postgres = LoopbackPorts.free();
        ProcessBuilder builder = launcher(Map.of("MICRONAUT_SERVER_PORT", String.valueOf(port),
                "BOXOFFICE_NATS_PORT", String.valueOf(nats), "BOXOFFICE_PG_PORT", String.valueOf(postgres)),
                "cluster", "--nodes", "2");
        Process process = builder.start();
        List<ProcessHandle> started = List.of();
        try {
            HttpClient http = HttpClient.newHttpClient();
            Await.until("both nodes to run", Duration.ofSeconds(180), () -> {
                assertThat(process.isAlive()).as(() -> "still running; stderr: " + read(builder)).isTrue();
                return read(builder).contains("Cluster running: 2 nodes") && read(builder).contains("No display here");
            });
            String said = stderr(builder);
            assertThat(said).contains("No display here").doesNotContain("Building");
            Matcher account = PASSWORD.matcher(said);
            assertThat(account.find()).as(said).isTrue();
            var signin = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + (port + 1)
                            + "/api/users/signin")).header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString("{\"email\":\"" + account.group(1)
                            + "\",\"password\":\"" + account.group(2) + "\"}")).build(), BodyHandlers.ofString());
            assertThat(signin.statusCode()).as(signin.body()).isEqualTo(200);
            String token = signin.body().replaceAll(".*\"token\":\"([^\"]+)\".*", "$1");
            Await.until("node-2 to see both nodes live", Duration.ofSeconds(30), () -> {
                try {
                    String nodes = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + (port + 1)
                            + "/api/admin/nodes")).header("Authorization", "Bearer " + token).build(),
                            BodyHandlers.ofString()).body();
                    return nodes.startsWith("[{\"nodeId\":\"node-2\"") && nodes.contains("\"nodeId\":\"node-1\"")
                            && !nodes.contains("\"live\":false");
                } catch (IOException e) {
                    return false;
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException(e);
                }
            });
            started = process.descendants().toList();
            assertThat(started).as("nats-server, PostgreSQL and two nodes").hasSizeGreaterThanOrEqualTo(4);

            process.destroy(); // TERM: the launcher's trap stops the nodes, then PostgreSQL, then the broker
            assertThat(process.waitFor(60, TimeUnit.SECONDS)).as("the launcher ends").isTrue();
            List<ProcessHandle> children = started;
            Await.until("every process it started to end", Duration.ofSeconds(60),
                    () -> children.stream().noneMatch(ProcessHandle::isAlive));
            for (int taken : List.of(port, port + 1, nats, postgres)) {
                assertThat(LoopbackPorts.listening(taken)).as("port %d still answers", taken).isFalse();
            }
        } finally {
            started.forEach(ProcessHandle::destroyForcibly);
            process.descendants().forEach(ProcessHandle::destroyForcibly);
            process.destroyForcibly();
            process.waitFor();
        }
    }
}
