package dev.boxoffice.engine.support;

import dev.boxoffice.engine.testing.LocalNatsServer;
import java.io.IOException;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A real nats-server with JetStream for a test ({@link LocalNatsServer}: a random loopback port, a temporary
 * store, killed with SIGKILL or stopped by the test). Without the binary a test fails when {@code CI=true} (CI
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

    private final LocalNatsServer server;

    private NatsServer(LocalNatsServer server) {
        this.server = server;
    }

    /** Starts a broker with an empty store. */
    public static NatsServer start() {
        requireBinary();
        return new NatsServer(LocalNatsServer.start());
    }

    /**
     * For a test that starts a nats-server itself (through the code under test): fails without the binary when
     * {@code CI=true}, and skips the test elsewhere, naming the install step.
     */
    public static void requireBinary() {
        if (LocalNatsServer.binary().isEmpty()) {
            if ("true".equals(System.getenv("CI"))) {
                throw new AssertionError(LocalNatsServer.INSTALL_HINT + " — CI must install it (.ci/run does)");
            }
            Assumptions.abort(LocalNatsServer.INSTALL_HINT + "; the JetStream tests are skipped on this machine");
        }
    }

    public String url() {
        return server.url();
    }

    /** SIGKILL, as a crashed broker; {@link #restart()} brings it back on the same port and store. */
    public void kill() throws InterruptedException {
        server.kill();
    }

    /** Deletes everything the broker stored, as a lost disk; call it while killed. */
    public void wipeStore() {
        server.wipeStore();
    }

    public void restart() throws IOException {
        server.restart();
    }

    @Override
    public void close() throws InterruptedException {
        server.close();
    }
}
