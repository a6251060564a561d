package dev.boxoffice.engine.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A real nats-server with JetStream, started by a test on a random loopback port with a temporary store, and
 * killed (SIGKILL) or stopped by it. The binary is {@code $NATS_SERVER}, else {@code nats-server} on the
 * {@code PATH} or in {@code /usr/sbin} (Debian's package). Without it a test fails when {@code CI=true} (CI
 * installs it) and is skipped elsewhere, with the install step in the message.
 */
public final class NatsServer implements AutoCloseable {

    /**
     * One broker for a test class: {@code @RegisterExtension static final NatsServer.PerClass BROKER = new
     * NatsServer.PerClass();} starts it before the class's tests and kills it after them.
     */
    public static final class PerClass implements BeforeAllCallback, AfterAllCallback {
        private NatsServer server;

        @Override
        public void beforeAll(ExtensionContext context) {
            server = start();
        }

        @Override
        public void afterAll(ExtensionContext context) throws InterruptedException {
            if (server != null) {
                server.close();
            }
        }

        public String url() {
            return server.url();
        }
    }

    private static final Duration START = Duration.ofSeconds(20);

    private final Path binary;
    private final Path store;
    private final int port;
    private Process process;

    private NatsServer(Path binary, Path store, int port) {
        this.binary = binary;
        this.store = store;
        this.port = port;
    }

    /** Starts a broker with an empty store. */
    public static NatsServer start() {
        Path binary = binary();
        try {
            NatsServer server = new NatsServer(binary, Files.createTempDirectory("nats-store"),
                    Ports.freeLoopbackPort());
            server.run();
            return server;
        } catch (IOException e) {
            throw new IllegalStateException("Cannot start nats-server: " + e.getMessage(), e);
        }
    }

    private static Path binary() {
        List<Path> candidates = new ArrayList<>();
        String configured = System.getenv("NATS_SERVER");
        if (configured != null && !configured.isBlank()) {
            candidates.add(Path.of(configured));
        }
        for (String dir : System.getenv().getOrDefault("PATH", "").split(java.io.File.pathSeparator)) {
            if (!dir.isBlank()) {
                candidates.add(Path.of(dir, "nats-server"));
            }
        }
        candidates.add(Path.of("/usr/sbin/nats-server"));
        for (Path candidate : candidates) {
            if (Files.isExecutable(candidate)) {
                return candidate;
            }
        }
        String message = "nats-server is not installed: apt-get install nats-server (Debian), or set NATS_SERVER "
                + "to its path";
        if ("true".equals(System.getenv("CI"))) {
            throw new AssertionError(message + " — CI must install it (.ci/run does)");
        }
        Assumptions.abort(message + "; the JetStream tests are skipped on this machine");
        throw new AssertionError("unreachable");
    }

    private void run() throws IOException {
        process = new ProcessBuilder(binary.toString(), "-a", "127.0.0.1", "-p", String.valueOf(port), "-js",
                "-sd", store.toString())
                .redirectErrorStream(true).redirectOutput(store.resolveSibling(store.getFileName() + ".log").toFile())
                .start();
        Await.until("nats-server to listen on port " + port, START, () -> {
            if (!process.isAlive()) {
                throw new AssertionError("nats-server exited with status " + process.exitValue());
            }
            try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), port)) {
                return true;
            } catch (IOException e) {
                return false;
            }
        });
    }

    public String url() {
        return "nats://127.0.0.1:" + port;
    }

    /** SIGKILL, as a crashed broker; {@link #restart()} brings it back on the same port and store. */
    public void kill() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor();
    }

    /** Deletes everything the broker stored (its streams and consumers), as a lost disk; call it while killed. */
    public void wipeStore() {
        if (process.isAlive()) {
            throw new IllegalStateException("kill() the broker before wiping its store");
        }
        TempDirs.delete(store);
        try {
            Files.createDirectories(store);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public void restart() throws IOException {
        run();
    }

    @Override
    public void close() throws InterruptedException {
        if (process != null && process.isAlive()) {
            kill();
        }
        TempDirs.delete(store);
    }
}
