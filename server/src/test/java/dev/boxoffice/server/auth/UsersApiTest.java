package dev.boxoffice.server.auth;

import static org.assertj.core.api.Assertions.assertThat;

import dev.boxoffice.server.ApiTestSupport;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.MediaType;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import java.nio.file.Files;
import java.sql.DriverManager;
import java.util.List;
import org.junit.jupiter.api.Test;

@MicronautTest
class UsersApiTest extends ApiTestSupport {

    @Test
    void shouldSignUpWithAnHttpOnlySessionCookieAndAToken() {
        Reply reply = post("/api/users/signup", "{\"email\":\"  Ann@Example.COM \",\"password\":\"  pass1 \"}", null);

        assertThat(reply.status()).isEqualTo(201);
        assertThat(reply.text("email")).isEqualTo("ann@example.com");
        assertThat(reply.text("token")).isNotBlank();
        List<String> cookies = reply.headers().getAll(HttpHeaders.SET_COOKIE);
        assertThat(cookies).anySatisfy(c -> assertThat(c).startsWith("session=").containsIgnoringCase("HttpOnly")
                .containsIgnoringCase("SameSite=Lax"));
        Reply again = post("/api/users/signin", "{\"email\":\"ann@example.com\",\"password\":\"pass1\"}", null);
        assertThat(again.status()).isEqualTo(200);
        assertThat(again.text("id")).isEqualTo(reply.text("id"));
    }

    @Test
    void shouldRefuseABadEmailAShortOrLongPasswordAndATakenEmail() {
        assertThat(post("/api/users/signup", "{\"email\":\"not-an-email\",\"password\":\"pass1\"}", null)
                .assertError(400).firstErrorField()).isEqualTo("email");
        assertThat(post("/api/users/signup", "{\"email\":\"a@b.co\",\"password\":\" ab \"}", null)
                .assertError(400).firstErrorField()).isEqualTo("password");
        assertThat(post("/api/users/signup", "{\"email\":\"a@b.co\",\"password\":\"" + "p".repeat(21) + "\"}", null)
                .assertError(400).firstErrorField()).isEqualTo("password");
        signup("taken@example.com", "pass1");
        assertThat(post("/api/users/signup", "{\"email\":\"TAKEN@example.com\",\"password\":\"other1\"}", null)
                .assertError(400).firstErrorMessage()).isEqualTo("Email in use");
    }

    @Test
    void shouldRefuseWrongCredentialsAndAMissingPassword() {
        signup("bob@example.com", "right1");
        assertThat(post("/api/users/signin", "{\"email\":\"bob@example.com\",\"password\":\"wrong1\"}", null)
                .assertError(400).firstErrorMessage()).isEqualTo("Invalid credentials");
        assertThat(post("/api/users/signin", "{\"email\":\"nobody@example.com\",\"password\":\"right1\"}", null)
                .assertError(400).firstErrorMessage()).isEqualTo("Invalid credentials");
        assertThat(post("/api/users/signin", "{\"email\":\"bob@example.com\"}", null)
                .assertError(400).firstErrorField()).isEqualTo("password");
        assertThat(post("/api/users/signin", "{\"email\":\"bob\",\"password\":\"right1\"}", null)
                .assertError(400).firstErrorField()).isEqualTo("email");
    }

    @Test
    void shouldReportTheCurrentUserFromTheCookieOrTheBearerToken() {
        Session carol = signup("carol@example.com", "pass1");

        Reply byBearer = get("/api/users/currentuser", carol);
        Reply byCookie = call(HttpRequest.GET("/api/users/currentuser").header(HttpHeaders.COOKIE,
                "session=" + carol.token()));

        assertThat(byBearer.json().path("currentUser").path("id").asText()).isEqualTo(carol.id());
        assertThat(byCookie.json().path("currentUser").path("email").asText()).isEqualTo("carol@example.com");
    }

    @Test
    void shouldAnswerNullForAMissingTamperedOrForeignToken() {
        Session dave = signup();
        String[] payload = dave.token().split("\\.");
        String tampered = payload[0] + "." + payload[1].substring(0, payload[1].length() - 2) + "AA." + payload[2];
        String foreign = "eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJ4Iiwicm9sZXMiOlsib3BlcmF0b3IiXX0."
                + "c2lnbmVkLXdpdGgtYW5vdGhlci1zZWNyZXQtMDEyMzQ1Njc4OQ";

        assertThat(get("/api/users/currentuser", null).body()).isEqualTo("{\"currentUser\":null}");
        for (String token : List.of(tampered, foreign, "garbage")) {
            Reply reply = call(HttpRequest.GET("/api/users/currentuser").bearerAuth(token));
            assertThat(reply.status()).isEqualTo(200);
            assertThat(reply.body()).isEqualTo("{\"currentUser\":null}");
            assertThat(call(HttpRequest.GET("/api/orders").bearerAuth(token)).assertError(401).status()).isEqualTo(401);
        }
    }

    @Test
    void shouldClearTheCookieOnSignOut() {
        Reply reply = call(HttpRequest.POST("/api/users/signout", "").contentType(MediaType.APPLICATION_JSON_TYPE));

        assertThat(reply.status()).isEqualTo(200);
        assertThat(reply.headers().getAll(HttpHeaders.SET_COOKIE))
                .anySatisfy(c -> assertThat(c).startsWith("session=").containsIgnoringCase("Max-Age=0"));
    }

    @Test
    void shouldStorePasswordsOnlyAsBcryptHashesAndTheSecretOwnerOnly() throws Exception {
        signup("erin@example.com", "clear-text1");
        try (var db = DriverManager.getConnection("jdbc:sqlite:" + dataDir().resolve("api.db"));
             var rs = db.createStatement().executeQuery(
                     "SELECT password_hash FROM users WHERE email = 'erin@example.com'")) {
            assertThat(rs.next()).isTrue();
            assertThat(rs.getString(1)).startsWith("$2a$10$").doesNotContain("clear-text1");
        }
        assertThat(Files.getPosixFilePermissions(dataDir().resolve("jwt-secret")))
                .extracting(Object::toString).containsExactlyInAnyOrder("OWNER_READ", "OWNER_WRITE");
    }
}
