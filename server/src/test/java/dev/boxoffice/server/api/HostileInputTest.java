package dev.boxoffice.server.api;

import static org.assertj.core.api.Assertions.assertThat;

import dev.boxoffice.server.ApiTestSupport;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.MediaType;
import io.micronaut.http.MutableHttpRequest;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Bodies a careless or hostile client sends: always a 4xx in the contract's format, and nothing changed. */
@MicronautTest
class HostileInputTest extends ApiTestSupport {

    private static final List<String> BODIES = List.of(
            "", " ", "null", "[]", "[{\"title\":\"T\",\"price\":1}]", "\"just a string\"", "42", "true",
            "{", "{\"title\":", "{\"title\":\"T\",\"price\":NaN}", "{\"title\":\"T\",\"price\":Infinity}",
            "{\"title\":\"T\",\"price\":1}{\"again\":1}", "{\"title\":\"T\",\"price\":1e999999999}",
            "{\"title\":\"T\",\"price\":-0.0}", "{\"title\":\"T\",\"price\":0.001}",
            "{\"title\":\"T\",\"price\":" + "9".repeat(2000) + "}", "{\"title\":[\"T\"],\"price\":1}",
            "{\"title\":{\"x\":1},\"price\":1}", "{\"title\":\"T\",\"price\":{\"amount\":1}}",
            "{\"ticketId\":null}", "{\"ticketId\":[]}", "{\"token\":1,\"orderId\":2}",
            "{\"email\":1,\"password\":2}", "{\"email\":\"a@b.co\",\"password\":null}",
            "\u0000\u0001", "{\"title\":\"\\ud800\",\"price\":1}");

    private static final List<String> ROUTES = List.of("/api/tickets", "/api/orders", "/api/payments",
            "/api/users/signup", "/api/users/signin");

    @Test
    void shouldAnswerEveryHostileBodyWithA4xxAndChangeNothing() {
        Session user = signup();
        String ticketId = replicatedTicket(user, "Target", "10");
        int usersBefore = countUsers();

        for (String route : ROUTES) {
            for (String body : BODIES) {
                Reply reply = post(route, body, user);
                assertThat(reply.status()).as("%s %s -> %s", route, body, reply.body()).isBetween(400, 499);
                reply.assertError(reply.status());
            }
            Reply wrongType = call(withBearer(HttpRequest.POST(route, "title=x&price=1")
                    .contentType(MediaType.APPLICATION_FORM_URLENCODED_TYPE), user));
            wrongType.assertError(415);
        }
        for (String body : BODIES) {
            Reply reply = put("/api/tickets/" + ticketId, body, user);
            assertThat(reply.status()).as("PUT %s -> %s", body, reply.body()).isBetween(400, 499);
        }

        engine.awaitQuiescence(QUIET);
        assertThat(engine.tickets().list()).filteredOn(t -> t.userId().equals(user.id())).hasSize(1);
        assertThat(engine.tickets().get(ticketId).version()).isZero();
        assertThat(engine.orders().listFor(user.id())).isEmpty();
        assertThat(countUsers()).isEqualTo(usersBefore);
    }

    @Test
    void shouldRefuseBodiesThatAreNotUtf8_whateverCharsetTheyClaim() {
        Session user = signup();
        int before = engine.tickets().list().size();
        byte[] latin1 = "{\"title\":\"caf\u00e9\",\"price\":1}".getBytes(java.nio.charset.StandardCharsets.ISO_8859_1);

        for (String contentType : List.of("application/json", "application/json; charset=ISO-8859-1",
                "application/json; charset=nope")) {
            Reply reply = call(HttpRequest.POST("/api/tickets", latin1).contentType(contentType)
                    .bearerAuth(user.token()));
            assertThat(reply.assertError(400).firstErrorMessage()).as(contentType)
                    .isEqualTo("The body is not valid UTF-8");
        }
        assertThat(engine.tickets().list()).hasSize(before);
    }

    @Test
    void shouldNotEchoTheRequestedId() {
        String malformed = "z".repeat(1_000);
        String unknown = "3f0d9a8e-1b2c-4d5e-8f90-123456789abc";

        Reply refused = get("/api/tickets/" + malformed, null).assertError(400);
        Reply missing = get("/api/tickets/" + unknown, null).assertError(404);

        assertThat(refused.firstErrorField()).isEqualTo("ticketId");
        assertThat(refused.body()).doesNotContain("zzz");
        assertThat(missing.firstErrorMessage()).isEqualTo("Ticket not found");
    }

    @Test
    void shouldRefuseAnOversizedBodyWith413() {
        Session user = signup();
        String huge = "{\"title\":\"" + "x".repeat(70_000) + "\",\"price\":1}";
        int before = engine.tickets().list().size();

        post("/api/tickets", huge, user).assertError(413);
        assertThat(engine.tickets().list()).hasSize(before);
    }

    @Test
    void shouldAnswerUnknownRoutesAndMethodsInTheErrorFormat() {
        get("/api/nothing-here", null).assertError(404);
        get("/nope", null).assertError(404);
        delete("/api/tickets", signup()).assertError(405);
    }

    private int countUsers() {
        try (var db = java.sql.DriverManager.getConnection("jdbc:sqlite:" + dataDir().resolve("api.db"));
             var rs = db.createStatement().executeQuery("SELECT count(*) FROM users")) {
            rs.next();
            return rs.getInt(1);
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private static MutableHttpRequest<?> withBearer(MutableHttpRequest<?> request, Session session) {
        return request.bearerAuth(session.token());
    }
}
