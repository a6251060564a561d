package dev.boxoffice.server.crash;

import dev.boxoffice.engine.support.Await;
import dev.boxoffice.engine.testing.LoopbackPorts;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse.BodyHandlers;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** A {@link CrashableServer} in a child JVM on a loopback port, ready once {@code /health} answers. */
public final class ServerProcess implements AutoCloseable {

    private static final Duration START = Duration.ofSeconds(60);

    private final Process process;
    private final Path log;
    public final String url;

    private ServerProcess(Process process, Path log, String url) {
        this.process = process;
        this.log = log;
        this.url = url;
    }

    /** Starts the server on {@code dataDir} and waits until it is healthy. */
    public static ServerProcess start(Path dataDir, String... properties) throws IOException {
        int port = LoopbackPorts.free();
        List<String> command = new ArrayList<>(List.of(ProcessHandle.current().info().command().orElse("java"),
                "-cp", System.getProperty("java.class.path"),
                "-Dmicronaut.server.host=127.0.0.1", "-Dmicronaut.server.port=" + port,
                "-Dboxoffice.data-dir=" + dataDir));
        for (String property : properties) {
            command.add("-D" + property);
        }
        command.add(CrashableServer.class.getName());
        Path log = Files.createTempFile(dataDir.getParent(), "server-", ".log");
        Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        ServerProcess server = new ServerProcess(process, log, "http://127.0.0.1:" + port);
        HttpClient http = HttpClient.newHttpClient();
        Await.until("the server to answer /health (log: " + log + ")", START, () -> {
            if (!process.isAlive()) {
                throw new AssertionError("The server exited: " + server.output());
            }
            try {
                return http.send(HttpRequest.newBuilder(URI.create(server.url + "/health")).build(),
                        BodyHandlers.ofString()).statusCode() == 200;
            } catch (IOException e) {
                return false;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        });
        return server;
    }

    /** How a start that was meant to fail ended. */
    record Refusal(int exitStatus, String stderr, String stdout) {
    }

    /**
     * Runs the server with these environment variables and system properties, expecting it to stop by itself,
     * and returns how it ended (or fails if it is still running after the deadline).
     */
    static Refusal failedStart(Path workDir, java.util.Map<String, String> environment, String... properties)
            throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(ProcessHandle.current().info().command().orElse("java"),
                "-cp", System.getProperty("java.class.path"), "-Dmicronaut.server.host=127.0.0.1"));
        for (String property : properties) {
            command.add("-D" + property);
        }
        command.add(dev.boxoffice.server.Application.class.getName());
        Path out = Files.createTempFile(workDir, "stdout-", ".log");
        Path err = Files.createTempFile(workDir, "stderr-", ".log");
        ProcessBuilder builder = new ProcessBuilder(command).redirectOutput(out.toFile()).redirectError(err.toFile());
        builder.environment().putAll(environment);
        Process process = builder.start();
        if (!process.waitFor(START.toSeconds(), java.util.concurrent.TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError("The server did not stop by itself; its output: " + Files.readString(out));
        }
        return new Refusal(process.exitValue(), Files.readString(err), Files.readString(out));
    }

    /** SIGKILL: the process gets no chance to finish anything. */
    public void kill() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor();
    }

    public String output() {
        try {
            return Files.readString(log);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() throws InterruptedException {
        if (process.isAlive()) {
            kill();
        }
    }
}
