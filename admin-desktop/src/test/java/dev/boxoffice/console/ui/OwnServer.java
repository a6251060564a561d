package dev.boxoffice.console.ui;

import dev.boxoffice.console.RealServer;
import dev.boxoffice.engine.support.TempDirs;
import dev.boxoffice.server.config.EngineCustomizer;
import io.micronaut.runtime.server.EmbeddedServer;
import java.nio.file.Path;
import java.util.UUID;
import java.util.prefs.Preferences;

/**
 * What a console test with a server of its own sets up and removes: a real server on a random loopback port and a
 * data directory of its own (its engine adjusted by the test's customizers, if any), and the console window's
 * preferences, so that no test sees another's saved server or sign-in.
 */
final class OwnServer implements AutoCloseable {

    final Preferences preferences = Preferences.userRoot().node("boxoffice-ui-test-" + UUID.randomUUID());
    private final Path dir;
    private final EngineCustomizer[] customizers;
    private final int port;
    private EmbeddedServer server;

    OwnServer(String name, EngineCustomizer... customizers) {
        this.dir = TempDirs.create(name);
        this.customizers = customizers;
        this.server = RealServer.start(dir, -1, customizers);
        this.port = server.getPort();
    }

    /** The server's base URL, the same after {@link #startAgain()}. */
    String url() {
        return "http://127.0.0.1:" + port;
    }

    /** Stops the server, as a crash or an operator would; its data stays for {@link #startAgain()}. */
    void stop() {
        if (server != null) {
            server.getApplicationContext().close();
            server = null;
        }
    }

    /** Starts the server again on the same port and data. */
    void startAgain() {
        server = RealServer.start(dir, port, customizers);
    }

    @Override
    public void close() throws Exception {
        preferences.removeNode();
        stop();
        TempDirs.delete(dir);
    }
}
