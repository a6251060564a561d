package dev.boxoffice.console;

import dev.boxoffice.console.client.ConsoleClient;
import io.micronaut.context.ApplicationContext;
import dev.boxoffice.server.config.EngineCustomizer;
import io.micronaut.runtime.server.EmbeddedServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * A real Boxoffice server for the console's tests: started once per test JVM, in-process, on a random loopback
 * port with its own temporary data directory, and stopped when the JVM ends.
 */
public final class RealServer {

    public static final String OPERATOR_EMAIL = "operator@console.test";
    public static final String OPERATOR_PASSWORD = "console-secret";

    private static EmbeddedServer server;

    private RealServer() {
    }

    /** The server's base URL, e.g. {@code http://localhost:41234}. */
    public static synchronized String url() {
        if (server == null) {
            Path dir;
            try {
                dir = Files.createTempDirectory("boxoffice-console-test");
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            server = start(dir, -1);
            Runtime.getRuntime().addShutdownHook(new Thread(server::stop));
        }
        return "http://127.0.0.1:" + server.getPort();
    }

    /** A client of the shared server, signed in as its operator; the caller closes it. */
    public static ConsoleClient operator() {
        return ConsoleClient.signIn(url(), OPERATOR_EMAIL, OPERATOR_PASSWORD);
    }

    /**
     * Starts a server of the test's own on {@code dir} and {@code port} (-1 for a random one), e.g. to stop it and
     * start it again on the same port and data, or with its engine adjusted by {@code customizers}; the caller
     * closes its application context.
     */
    public static EmbeddedServer start(Path dir, int port, EngineCustomizer... customizers) {
        ApplicationContext context = ApplicationContext.builder().properties(Map.of(
                "micronaut.server.port", port,
                "micronaut.server.host", "127.0.0.1",
                "boxoffice.data-dir", dir.toString(),
                "boxoffice.admin.email", OPERATOR_EMAIL,
                "boxoffice.admin.password", OPERATOR_PASSWORD,
                "boxoffice.order-rate.capacity", 1000,
                "boxoffice.order-rate.per-minute", 1000))
                .singletons((Object[]) customizers)
                .start();
        try {
            return context.getBean(EmbeddedServer.class).start();
        } catch (RuntimeException e) {
            context.close();
            throw e;
        }
    }
}
