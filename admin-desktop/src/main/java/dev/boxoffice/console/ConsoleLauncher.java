package dev.boxoffice.console;

import dev.boxoffice.console.app.ConsoleApp;
import javafx.application.Application;

/**
 * Starts the operator console: {@code java -jar admin-desktop/target/boxoffice-console.jar [--server=URL]}.
 * Not an {@code Application} itself, so that the fat jar starts on a plain class path.
 */
public final class ConsoleLauncher {

    private ConsoleLauncher() {
    }

    public static void main(String[] args) {
        boolean linux = System.getProperty("os.name", "").toLowerCase(java.util.Locale.ROOT).contains("linux");
        boolean monocle = "Monocle".equals(System.getProperty("glass.platform"));
        if (linux && !monocle && System.getenv("DISPLAY") == null && System.getenv("WAYLAND_DISPLAY") == null) {
            System.err.println("The operator console needs a graphical display, and there is none here (DISPLAY is "
                    + "not set).");
            System.err.println("Run the server alone with ./boxoffice server (it serves http://localhost:8080), or run the "
                    + "console under a display, e.g. xvfb-run -a java -jar admin-desktop/target/boxoffice-console.jar");
            System.exit(2);
        }
        Application.launch(ConsoleApp.class, args);
    }
}
