package dev.boxoffice.console.ui;

import static dev.boxoffice.console.ui.ConsoleRobot.signIn;
import static dev.boxoffice.console.ui.ConsoleRobot.text;
import static dev.boxoffice.console.ui.ConsoleRobot.waitForUi;
import static org.assertj.core.api.Assertions.assertThat;

import dev.boxoffice.console.RealServer;
import dev.boxoffice.console.app.ConsoleWindow;
import dev.boxoffice.engine.support.TempDirs;
import io.micronaut.runtime.server.EmbeddedServer;
import java.nio.file.Path;
import java.util.UUID;
import java.util.prefs.Preferences;
import javafx.scene.control.Label;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

/**
 * The status bar of a running console window, against a server of the test's own that is stopped and started
 * again on the same port and data: connected, then disconnected while the server is gone, then connected again
 * without the operator doing anything.
 */
@ExtendWith(ApplicationExtension.class)
class StatusBarUiTest {

    private final Preferences preferences = Preferences.userRoot().node("boxoffice-ui-test-" + UUID.randomUUID());
    private final Path dir = TempDirs.create("console-status");
    private EmbeddedServer server = RealServer.start(dir, -1);
    private final int port = server.getPort();
    private final String url = "http://127.0.0.1:" + port;
    private Stage stage;

    @Start
    void start(Stage stage) {
        this.stage = stage;
        new ConsoleWindow(stage, preferences).show();
    }

    @AfterEach
    void close() throws Exception {
        preferences.removeNode();
        if (server != null) {
            server.getApplicationContext().close();
        }
        TempDirs.delete(dir);
    }

    @Test
    void shouldSayDisconnectedWhileTheServerIsDown_andConnectedOnceItIsBack(FxRobot robot) throws Exception {
        signIn(robot, url, RealServer.OPERATOR_EMAIL, RealServer.OPERATOR_PASSWORD);
        waitForUi("the status bar to say connected", () -> statusBar(robot).startsWith("Connected to " + url
                + " as " + RealServer.OPERATOR_EMAIL));

        server.getApplicationContext().close();
        server = null;
        waitForUi("the status bar to say disconnected", () -> statusBar(robot).startsWith("Disconnected from "
                + url + ": the server does not answer; reconnecting"));
        Label bar = robot.lookup("#statusBar").queryAs(Label.class);
        waitForUi("the whole text shown, clear of the window's edge", () -> ConsoleRobot.shownWhole(bar)
                && bar.localToScene(bar.getBoundsInLocal()).getMaxX() <= bar.getScene().getWidth());
        waitForUi("the status bar in the error style", () -> bar.getTextFill().equals(
                javafx.scene.paint.Color.web("#b00020")));
        Snapshots.take(robot, stage, "status-disconnected");

        server = RealServer.start(dir, port);
        waitForUi("the status bar to say connected again", () -> statusBar(robot).startsWith("Connected to " + url));
        assertThat(text(robot, "statusBar")).contains(" events/s");
        waitForUi("the status bar out of the error style", () -> !bar.getTextFill().equals(
                javafx.scene.paint.Color.web("#b00020")));
    }

    private static String statusBar(FxRobot robot) {
        return robot.lookup("#statusBar").tryQuery().map(n -> ((Label) n).getText()).orElse("");
    }
}
