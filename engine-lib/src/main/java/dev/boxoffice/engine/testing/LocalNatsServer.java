package dev.boxoffice.engine.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.locks.LockSupport;

/**
 * A real nats-server with JetStream, run as a child process on a free loopback port with a temporary store, for
 * tests, simulations and benchmarks: {@code nats-server -a 127.0.0.1 -p PORT -js -sd STORE}. It can be killed
 * (SIGKILL, as a crash), have its store wiped, and be restarted on the same port. The binary is
 * {@code $NATS_SERVER}, else {@code nats-server} on the {@code PATH} or in {@code /usr/sbin} (where Debian's
 * package puts it). Never for production: it listens on loopback only and keeps its store in a temporary folder.
 */
public final class LocalNatsServer implements AutoCloseable {

    /** What to tell someone who has no nats-server. */
    public static final String INSTALL_HINT =
            "nats-server is not installed: apt-get install nats-server (Debian), or set NATS_SERVER to its path";

    private static final Duration START = Duration.ofSeconds(20);

    private final Path binary;
    private final Path store;
    private final int port;
    private Process process;

    private LocalNatsServer(Path binary, Path store, int port) {
        this.binary = binary;
        this.store = store;
        this.port = port;
    }

    /** Where the nats-server binary is, if this machine has one. */
    public static Optional<Path> binary() {
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
        return candidates.stream().filter(Files::isExecutable).findFirst();
    }

    /**
     * Starts a broker with an empty store and waits until it listens.
     *
     * @throws IllegalStateException with {@link #INSTALL_HINT} when there is no binary, or when it does not start
     */
    public static LocalNatsServer start() {
        Path binary = binary().orElseThrow(() -> new IllegalStateException(INSTALL_HINT));
        try {
            LocalNatsServer server = new LocalNatsServer(binary, Files.createTempDirectory("nats-store"),
                    LoopbackPorts.free());
            server.run();
            return server;
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot start nats-server: " + e.getMessage(), e);
        }
    }

    private void run() throws IOException {
        process = new ProcessBuilder(binary.toString(), "-a", "127.0.0.1", "-p", String.valueOf(port), "-js",
                "-sd", store.toString())
                .redirectErrorStream(true).redirectOutput(store.resolveSibling(store.getFileName() + ".log").toFile())
                .start();
        long deadline = System.nanoTime() + START.toNanos();
        while (!LoopbackPorts.listening(port)) {
            if (!process.isAlive()) {
                throw new IllegalStateException("nats-server exited with status " + process.exitValue()
                        + "; see " + store.resolveSibling(store.getFileName() + ".log"));
            }
            if (System.nanoTime() > deadline) {
                process.destroyForcibly();
                throw new IllegalStateException("nats-server did not listen on port " + port + " within " + START);
            }
            LockSupport.parkNanos(10_000_000L);
        }
    }

    /** The client URL, {@code nats://127.0.0.1:PORT}. */
    public String url() {
        return "nats://127.0.0.1:" + port;
    }

    /**
     * The CPU time (user and system) the running broker process has used since it started, as the operating system
     * reports it (10 ms steps on Linux); zero where it does not say. A restarted broker counts from zero again.
     */
    public Duration cpuTime() {
        return process == null ? Duration.ZERO : process.info().totalCpuDuration().orElse(Duration.ZERO);
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
        delete(store);
        try {
            Files.createDirectories(store);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Starts the broker again on the same port and store, and waits until it listens. */
    public void restart() throws IOException {
        run();
    }

    /** Kills the broker, if it runs, and deletes its store. */
    @Override
    public void close() throws InterruptedException {
        if (process != null && process.isAlive()) {
            kill();
        }
        delete(store);
        try {
            Files.deleteIfExists(store.resolveSibling(store.getFileName() + ".log"));
        } catch (IOException e) {
            // a leftover log in the temporary folder
        }
    }

    private static void delete(Path dir) {
        if (!Files.exists(dir)) {
            return;
        }
        try {
            Files.walkFileTree(dir, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                    Files.delete(file);
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult postVisitDirectory(Path d, IOException e) throws IOException {
                    Files.delete(d);
                    return FileVisitResult.CONTINUE;
                }
            });
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot delete " + dir, e);
        }
    }
}
