package dev.boxoffice.console.ui;

import static dev.boxoffice.console.ui.ConsoleRobot.openTab;
import static dev.boxoffice.console.ui.ConsoleRobot.signIn;
import static dev.boxoffice.console.ui.ConsoleRobot.waitFor;
import static dev.boxoffice.console.ui.ConsoleRobot.waitForUi;
import static org.assertj.core.api.Assertions.assertThat;

import dev.boxoffice.console.RealServer;
import dev.boxoffice.console.app.ConsoleWindow;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

/**
 * The console reads a view's page from the server only while the view is shown: on the dashboard, its heartbeat
 * asks for the stats each second and never for the expiry timers, which it reads each second once their tab is
 * open, and no more once the operator has left it. Counted by the server itself (its Prometheus request counts).
 */
@ExtendWith(ApplicationExtension.class)
class ShownViewsUiTest {

    private static final String STATS = "/api/admin/stats";
    private static final String TIMERS = "/api/admin/expirations";

    private final OwnServer own = new OwnServer("console-shown-views");
    private final String url = own.url();
    private final HttpClient http = HttpClient.newHttpClient();

    @Start
    void start(Stage stage) {
        new ConsoleWindow(stage, own.preferences).show();
    }

    @AfterEach
    void close() throws Exception {
        own.close();
    }

    @Test
    void shouldReadTheExpiryTimersOnlyWhileTheirViewIsShown(FxRobot robot) throws Exception {
        signIn(robot, url, RealServer.OPERATOR_EMAIL, RealServer.OPERATOR_PASSWORD);
        waitForUi("the dashboard", () -> robot.lookup("#deadLettersTile").tryQuery().isPresent());
        awaitHeartbeats(3);
        assertThat(requests(TIMERS)).as("reads of the timers while their view was never shown").isZero();

        openTab(robot, "Expiry timers");
        waitFor("the timers read each second while shown", () -> requests(TIMERS) >= 3);

        openTab(robot, "Dashboard");
        awaitHeartbeats(2); // a read asked for just before leaving has been answered
        long whenLeft = requests(TIMERS);
        awaitHeartbeats(3);
        assertThat(requests(TIMERS)).as("reads of the timers once their view was left").isEqualTo(whenLeft);
    }

    /** Waits until the dashboard has asked for the stats {@code count} more times: a heartbeat each. */
    private void awaitHeartbeats(int count) throws Exception {
        long from = requests(STATS);
        waitFor(count + " more heartbeats", () -> requests(STATS) >= from + count);
    }

    /** How many requests the server has answered on this route, by its own Prometheus counts. */
    private long requests(String route) throws Exception {
        String metrics = http.send(HttpRequest.newBuilder(URI.create(url + "/prometheus")).build(),
                HttpResponse.BodyHandlers.ofString()).body();
        return metrics.lines()
                .filter(line -> line.startsWith("http_server_requests_seconds_count{")
                        && line.contains("uri=\"" + route + "\""))
                .mapToLong(line -> (long) Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1)))
                .sum();
    }
}
