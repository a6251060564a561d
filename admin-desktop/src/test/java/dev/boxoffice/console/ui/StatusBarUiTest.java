package dev.boxoffice.console.ui;

import static dev.boxoffice.console.ui.ConsoleRobot.signIn;
import static dev.boxoffice.console.ui.ConsoleRobot.text;
import static dev.boxoffice.console.ui.ConsoleRobot.waitForUi;
import static org.assertj.core.api.Assertions.assertThat;

import dev.boxoffice.console.RealServer;
import dev.boxoffice.console.app.ConsoleWindow;
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

    private final OwnServer own = new OwnServer("console-status");
    private final String url = own.url();
    private Stage stage;

    @Start
    void start(Stage stage) {
        this.stage = stage;
        new ConsoleWindow(stage, own.preferences).show();
    }

    @AfterEach
    void close() throws Exception {
        own.close();
    }

    @Test
    void shouldSayDisconnectedWhileTheServerIsDown_andConnectedOnceItIsBack(FxRobot robot) throws Exception {
        signIn(robot, url, RealServer.OPERATOR_EMAIL, RealServer.OPERATOR_PASSWORD);
        waitForUi("the status bar to say connected", () -> statusBar(robot).startsWith("Connected to " + url
                + " as " + RealServer.OPERATOR_EMAIL));

        own.stop();
        waitForUi("the status bar to say disconnected", () -> statusBar(robot).startsWith("Disconnected from "
                + url + ": the server does not answer; reconnecting"));
        Label bar = robot.lookup("#statusBar").queryAs(Label.class);
        waitForUi("the whole text shown, clear of the window's edge", () -> ConsoleRobot.shownWhole(bar)
                && bar.localToScene(bar.getBoundsInLocal()).getMaxX() <= bar.getScene().getWidth());
        waitForUi("the status bar in the error style", () -> bar.getTextFill().equals(
                javafx.scene.paint.Color.web("#b00020")));
        Snapshots.take(robot, stage, "status-disconnected");

        own.startAgain();
        waitForUi("the status bar to say connected again", () -> statusBar(robot).startsWith("Connected to " + url));
        assertThat(text(robot, "statusBar")).contains(" events/s");
        waitForUi("the status bar out of the error style", () -> !bar.getTextFill().equals(
                javafx.scene.paint.Color.web("#b00020")));
    }

    private static String statusBar(FxRobot robot) {
        return robot.lookup("#statusBar").tryQuery().map(n -> ((Label) n).getText()).orElse("");
    }
}
