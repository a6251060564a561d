package dev.boxoffice.simulator;

import static dev.boxoffice.simulator.Cli.run;
import static org.assertj.core.api.Assertions.assertThat;

import dev.boxoffice.engine.BoxOffice;
import dev.boxoffice.engine.Money;
import io.micronaut.context.ApplicationContext;
import io.micronaut.runtime.server.EmbeddedServer;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code republish} against a real server: shows the outboxes, asks for a republish, refuses bad input. */
class RepublishCommandTest {

    private static final String PASSWORD = "operator-secret";

    @TempDir
    static Path dataDir;

    private static EmbeddedServer server;
    private static String url;

    @BeforeAll
    static void startServer() {
        server = ApplicationContext.run(EmbeddedServer.class, Map.of(
                "micronaut.server.port", -1,
                "micronaut.server.host", "127.0.0.1",
                "boxoffice.data-dir", dataDir.toString(),
                "boxoffice.admin.password", PASSWORD));
        url = "http://127.0.0.1:" + server.getPort();
        BoxOffice engine = server.getApplicationContext().getBean(BoxOffice.class);
        engine.tickets().create("Recital", Money.of("12.00", "USD"), "seller");
        engine.awaitQuiescence(Duration.ofSeconds(20));
    }

    @AfterAll
    static void stopServer() {
        server.getApplicationContext().close();
    }



    @Test
    void shouldShowTheOutboxesAndRepublishSinceATimeOrFromAPosition() {
        Cli shown = run("republish", "--server", url, "--password", PASSWORD);
        assertThat(shown.exit()).as(shown.err()).isZero();
        assertThat(shown.out()).containsPattern("(?m)^tickets +1 +1 ").contains("orders", "expiration", "payments")
                .doesNotContain("Republishing");

        Cli since = run("republish", "--server", url, "--password", PASSWORD, "--since", "1h");
        assertThat(since.exit()).as(since.err()).isZero();
        assertThat(since.out()).contains("Republishing 1 events that occurred since ");

        Cli position = run("republish", "--server", url, "--password", PASSWORD, "--from-position", "1");
        assertThat(position.out()).contains("Republishing 1 events from log position 1");
    }

    @Test
    void shouldRefuseBadInputInOneLine() {
        assertThat(run("republish", "--server", url, "--password", PASSWORD, "--since", "yesterday").err())
                .contains("--since yesterday is neither a UTC time");
        assertThat(run("republish", "--server", url, "--password", PASSWORD, "--from-position", "0").err())
                .contains("--from-position must be 1 or more");
        Cli both = run("republish", "--server", url, "--password", PASSWORD, "--since", "1h",
                "--from-position", "3");
        assertThat(both.exit()).isEqualTo(2);
        assertThat(both.err()).contains("mutually exclusive");
        Cli wrongPassword = run("republish", "--server", url, "--password", "not-it");
        assertThat(wrongPassword.exit()).isEqualTo(1);
        assertThat(wrongPassword.err()).startsWith("Error: POST /api/users/signin answered 400");
        Cli unreachable = run("republish", "--server", "http://127.0.0.1:1", "--password", "x");
        assertThat(unreachable.exit()).isEqualTo(1);
        assertThat(unreachable.err()).startsWith("Error: Cannot reach http://127.0.0.1:1").doesNotContain("\tat ");
    }
}
