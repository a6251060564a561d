package dev.boxoffice.console.connect;

import static org.assertj.core.api.Assertions.assertThat;

import dev.boxoffice.console.RealServer;
import dev.boxoffice.console.app.Tasks;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.UUID;
import java.util.prefs.Preferences;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class ConnectViewModelTest {

    private final Preferences preferences = Preferences.userRoot().node("boxoffice-test-" + UUID.randomUUID());

    @AfterEach
    void forget() throws Exception {
        preferences.removeNode();
    }

    private ConnectViewModel model(String url, String email, String password) {
        ConnectViewModel model = new ConnectViewModel(Tasks.inline(), preferences);
        model.serverUrlProperty().set(url);
        model.emailProperty().set(email);
        model.passwordProperty().set(password);
        return model;
    }

    @Test
    void shouldSignInAndRememberTheServer() {
        ConnectViewModel model = model(RealServer.url(), RealServer.OPERATOR_EMAIL, RealServer.OPERATOR_PASSWORD);

        model.connect();

        assertThat(model.errorProperty().get()).isEmpty();
        assertThat(model.sessionProperty().get()).isNotNull();
        assertThat(model.passwordProperty().get()).as("the password is not kept").isEmpty();
        assertThat(new ConnectViewModel(Tasks.inline(), preferences).serverUrlProperty().get())
                .isEqualTo(RealServer.url());
        model.sessionProperty().get().close();
    }

    @Test
    void shouldDefaultToTheLocalServerAndTheOperatorAccount() {
        ConnectViewModel model = new ConnectViewModel(Tasks.inline(), preferences);
        assertThat(model.serverUrlProperty().get()).isEqualTo("http://127.0.0.1:8080");
        assertThat(model.emailProperty().get()).as("filled in, not a mere placeholder")
                .isEqualTo("admin@boxoffice.local");
    }

    @Test
    void shouldSayInWordsWhatItIsWaitingFor() {
        java.util.List<Runnable> queued = new java.util.ArrayList<>();
        ConnectViewModel model = new ConnectViewModel(new Tasks(queued::add, Runnable::run), preferences);
        model.serverUrlProperty().set("http://127.0.0.1:1");

        model.waitingForServer(2);
        assertThat(model.progressProperty().get())
                .isEqualTo("Waiting for the server at http://127.0.0.1:1 to start… (attempt 2)");
        model.connect();
        assertThat(model.busyProperty().get()).isTrue();
        assertThat(model.progressProperty().get()).startsWith("Waiting for the server");
        queued.forEach(Runnable::run);
        assertThat(model.progressProperty().get()).isEmpty();
        assertThat(model.errorProperty().get()).startsWith("Cannot reach");

        model.connect();
        assertThat(model.progressProperty().get()).isEqualTo("Signing in to http://127.0.0.1:1…");
    }

    @Test
    void shouldSayPlainlyWhenTheCredentialsAreWrong() {
        ConnectViewModel model = model(RealServer.url(), RealServer.OPERATOR_EMAIL, "wrong-password");

        model.connect();

        assertThat(model.errorProperty().get()).isEqualTo("Invalid credentials");
        assertThat(model.sessionProperty().get()).isNull();
        assertThat(model.busyProperty().get()).isFalse();
    }

    @Test
    void shouldSayPlainlyWhenTheServerIsDownOrTheUrlIsBad() {
        ConnectViewModel down = model("http://127.0.0.1:1", "a@b.co", "x");
        down.connect();
        assertThat(down.errorProperty().get()).isEqualTo("Cannot reach the server at http://127.0.0.1:1 — is it running?");

        ConnectViewModel bad = model("not a url", "a@b.co", "x");
        bad.connect();
        assertThat(bad.errorProperty().get()).isEqualTo("The server URL must look like http://127.0.0.1:8080");
    }

    @Test
    void shouldRefuseAnAccountThatIsNotAnOperator() throws Exception {
        String email = "buyer-" + UUID.randomUUID() + "@console.test";
        HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(RealServer.url() + "/api/users/signup"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"email\":\"" + email + "\",\"password\":\"pass12\"}"))
                .build(), HttpResponse.BodyHandlers.discarding());
        ConnectViewModel model = model(RealServer.url(), email, "pass12");

        model.connect();

        assertThat(model.errorProperty().get()).contains("not an operator");
        assertThat(model.sessionProperty().get()).isNull();
    }
}
