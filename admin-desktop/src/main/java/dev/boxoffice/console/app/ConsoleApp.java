package dev.boxoffice.console.app;

import dev.boxoffice.console.connect.ConnectViewModel;
import java.util.prefs.Preferences;
import javafx.animation.KeyFrame;
import javafx.animation.Timeline;
import javafx.application.Application;
import javafx.stage.Stage;
import javafx.util.Duration;

/**
 * The JavaFX application. Start it with {@link dev.boxoffice.console.ConsoleLauncher}. Named parameters:
 * {@code --server=URL} fills in the server; with {@code --autoconnect=true} and the environment variables
 * {@code BOXOFFICE_CONSOLE_EMAIL} / {@code BOXOFFICE_CONSOLE_PASSWORD} it signs in by itself, waiting up to a
 * minute for a server that is still starting.
 */
public class ConsoleApp extends Application {

    private static final Duration RETRY = Duration.millis(500);
    private static final int MAX_ATTEMPTS = 120;

    private ConsoleWindow window;

    @Override
    public void start(Stage stage) {
        window = new ConsoleWindow(stage, Preferences.userNodeForPackage(ConsoleApp.class));
        ConnectViewModel connect = window.connectModel();
        String url = getParameters().getNamed().get("server");
        if (url != null) {
            connect.serverUrlProperty().set(url);
        }
        String email = System.getenv("BOXOFFICE_CONSOLE_EMAIL");
        String password = System.getenv("BOXOFFICE_CONSOLE_PASSWORD");
        if (email != null) {
            connect.emailProperty().set(email);
        }
        if (password != null) {
            connect.passwordProperty().set(password);
        }
        window.show();
        if ("true".equals(getParameters().getNamed().get("autoconnect")) && password != null) {
            connectWhenReady(connect);
        }
    }

    /** Signs in, trying again while the server cannot be reached yet (it may still be starting). */
    private static void connectWhenReady(ConnectViewModel connect) {
        int[] attempts = {0};
        Timeline retry = new Timeline();
        retry.getKeyFrames().add(new KeyFrame(RETRY, e -> {
            if (connect.busyProperty().get()) {
                return; // an attempt is under way
            }
            String error = connect.errorProperty().get();
            boolean signedIn = connect.sessionProperty().get() != null;
            boolean otherFailure = !error.isEmpty() && !error.startsWith("Cannot reach");
            if (signedIn || otherFailure || ++attempts[0] > MAX_ATTEMPTS) {
                retry.stop();
            } else {
                connect.waitingForServer(attempts[0]);
                connect.passwordProperty().set(System.getenv("BOXOFFICE_CONSOLE_PASSWORD"));
                connect.connect();
            }
        }));
        retry.setCycleCount(Timeline.INDEFINITE);
        connect.connect();
        retry.play();
    }

    @Override
    public void stop() {
        if (window != null) {
            window.close();
        }
    }
}
