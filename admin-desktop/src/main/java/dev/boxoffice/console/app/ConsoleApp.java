package dev.boxoffice.console.app;

import java.util.prefs.Preferences;
import javafx.application.Application;
import javafx.stage.Stage;

/** The JavaFX application. Start it with {@link dev.boxoffice.console.ConsoleLauncher}. */
public class ConsoleApp extends Application {

    private ConsoleWindow window;

    @Override
    public void start(Stage stage) {
        window = new ConsoleWindow(stage, Preferences.userNodeForPackage(ConsoleApp.class));
        String url = getParameters().getNamed().get("server");
        if (url != null) {
            window.connectModel().serverUrlProperty().set(url);
        }
        window.show();
    }

    @Override
    public void stop() {
        if (window != null) {
            window.close();
        }
    }
}
