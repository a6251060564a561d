package dev.boxoffice.console.connect;

import dev.boxoffice.console.app.Tasks;
import dev.boxoffice.console.client.ConsoleClient;
import java.util.prefs.Preferences;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;

/** Connect / sign in: server URL (remembered), operator email and password; a readable error when it fails. */
public class ConnectViewModel {

    /** Where the last server URL is kept. */
    public static final String SERVER_URL_KEY = "serverUrl";
    public static final String DEFAULT_URL = "http://127.0.0.1:8080";
    /** The operator account a server creates by default ({@code boxoffice.admin.email}). */
    public static final String DEFAULT_EMAIL = "admin@boxoffice.local";

    private final Tasks tasks;
    private final Preferences preferences;
    private final StringProperty serverUrl = new SimpleStringProperty();
    private final StringProperty email = new SimpleStringProperty(DEFAULT_EMAIL);
    private final ReadOnlyStringWrapper progress = new ReadOnlyStringWrapper("");
    private final StringProperty password = new SimpleStringProperty("");
    private final ReadOnlyStringWrapper error = new ReadOnlyStringWrapper("");
    private final ReadOnlyBooleanWrapper busy = new ReadOnlyBooleanWrapper(false);
    private final ReadOnlyObjectWrapper<ConsoleClient> session = new ReadOnlyObjectWrapper<>();

    public ConnectViewModel(Tasks tasks, Preferences preferences) {
        this.tasks = tasks;
        this.preferences = preferences;
        serverUrl.set(preferences.get(SERVER_URL_KEY, DEFAULT_URL));
    }

    /** Signs in; on success {@link #sessionProperty()} holds the connected client. */
    public void connect() {
        if (busy.get()) {
            return;
        }
        busy.set(true);
        error.set("");
        String url = serverUrl.get() == null ? "" : serverUrl.get().strip();
        if (!progress.get().startsWith("Waiting")) {
            progress.set("Signing in to " + url + "…");
        }
        String user = email.get();
        String secret = password.get();
        tasks.run(() -> ConsoleClient.signIn(url, user, secret), client -> {
            preferences.put(SERVER_URL_KEY, url);
            password.set("");
            progress.set("");
            busy.set(false);
            session.set(client);
        }, failure -> {
            busy.set(false);
            progress.set("");
            error.set(failure.getMessage());
        });
    }

    /** Says that the console is waiting for a server that is still starting, before its next attempt. */
    public void waitingForServer(int attempt) {
        String url = serverUrl.get() == null ? "" : serverUrl.get().strip();
        progress.set("Waiting for the server at " + url + " to start… (attempt " + attempt + ")");
    }

    /** What the console is doing while it signs in ("Signing in to ...", "Waiting for the server ..."), or "". */
    public ReadOnlyStringProperty progressProperty() {
        return progress.getReadOnlyProperty();
    }

    public StringProperty serverUrlProperty() {
        return serverUrl;
    }

    public StringProperty emailProperty() {
        return email;
    }

    public StringProperty passwordProperty() {
        return password;
    }

    public ReadOnlyStringProperty errorProperty() {
        return error.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty busyProperty() {
        return busy.getReadOnlyProperty();
    }

    public ReadOnlyObjectProperty<ConsoleClient> sessionProperty() {
        return session.getReadOnlyProperty();
    }
}
