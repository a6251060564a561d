package dev.boxoffice.console.app;

import dev.boxoffice.console.client.ConsoleClient;
import dev.boxoffice.console.connect.ConnectView;
import dev.boxoffice.console.connect.ConnectViewModel;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.prefs.Preferences;
import javafx.application.Platform;
import javafx.scene.Scene;
import javafx.stage.Stage;

/** Puts the console on a stage: the sign-in form, then the main window once signed in. */
public final class ConsoleWindow {

    private final Stage stage;
    private final ExecutorService background = Executors.newCachedThreadPool(daemon("boxoffice-console-io"));
    private final ScheduledExecutorService scheduler =
            Executors.newSingleThreadScheduledExecutor(daemon("boxoffice-console-timer"));
    private final ConnectViewModel connect;
    private MainView main;
    private ConsoleClient client;

    public ConsoleWindow(Stage stage, Preferences preferences) {
        this.stage = stage;
        Tasks tasks = new Tasks(background, Platform::runLater);
        connect = new ConnectViewModel(tasks, preferences);
        connect.sessionProperty().addListener((o, a, signedIn) -> {
            client = signedIn;
            main = new MainView(signedIn, tasks, scheduler);
            stage.getScene().setRoot(main);
            stage.setTitle("Boxoffice console — " + signedIn.url());
        });
        stage.setTitle("Boxoffice console");
        // one scene at its final size: the sign-in form, then the main window as its root
        Scene scene = new Scene(new ConnectView(connect), 1100, 680);
        scene.getStylesheets().add(Styles.SHEET);
        stage.setScene(scene);
        stage.setOnHidden(e -> close());
    }

    public ConnectViewModel connectModel() {
        return connect;
    }

    public void show() {
        stage.show();
    }

    public void close() {
        if (main != null) {
            main.stop();
        }
        if (client != null) {
            client.close();
        }
        scheduler.shutdownNow();
        background.shutdownNow();
    }

    private static java.util.concurrent.ThreadFactory daemon(String name) {
        return runnable -> {
            Thread thread = new Thread(runnable, name);
            thread.setDaemon(true);
            return thread;
        };
    }
}
