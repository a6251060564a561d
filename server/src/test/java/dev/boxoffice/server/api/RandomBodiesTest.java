package dev.boxoffice.server.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.boxoffice.engine.order.OrderStatus;
import dev.boxoffice.engine.support.SeededTest;
import dev.boxoffice.server.ApiTestSupport;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.MediaType;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.BeforeAll;

/**
 * Random JSON trees — deep, with numbers no decimal holds, odd strings, nulls, the expected fields with the wrong
 * kinds of values — sent to every route that takes a body. Whatever arrives, the answer is never a 5xx; a refusal
 * is a 4xx with the contract's error body and changes nothing.
 */
@MicronautTest
class RandomBodiesTest extends ApiTestSupport {

    private static final List<String> FIELDS = List.of("title", "price", "email", "password", "ticketId", "orderId",
            "token", "userId", "version", "status", "", "ticketid", "__proto__", "price ");
    private static final List<String> NUMBERS = List.of("0", "-0", "1", "-1", "20.5", "1e3", "2e2147483648",
            "-2e-2147483648", "1e-2147483649", "1e400", "123456789012345678901234567890", "0.000000001",
            "1000000.001", "9007199254740993", "-1.5E+308");
    private static final List<String> STRINGS = List.of("", " ", "12.50", "-5", "1e3", "NaN", "tok_visa",
            "tok_chargeDeclined", "a@b.co", "not an email", "\\u0000", "\\ud800", "\\u202e\\u0041", "🎟️",
            "<script>alert(1)</script>", "' OR 1=1 --", "3f0d9a8e-1b2c-4d5e-8f90-123456789abc", "x".repeat(300));

    @Inject
    Jdbi apiJdbi;

    private Session user;
    private String ownTicket;

    @BeforeAll
    void aUserWithATicket() {
        user = signup();
        ownTicket = replicatedTicket(user, "Own", "10");
    }

    private record Route(String method, String path, Session as) {
    }

    private List<Route> routes() {
        return List.of(new Route("POST", "/api/users/signup", null), new Route("POST", "/api/users/signin", null),
                new Route("POST", "/api/tickets", user), new Route("PUT", "/api/tickets/" + ownTicket, user),
                new Route("POST", "/api/orders", user), new Route("POST", "/api/payments", user));
    }

    /** What a refusal must leave as it was. */
    private record State(long users, long tickets, Map<OrderStatus, Long> orders, String ownTicket) {
    }

    private State state() {
        return new State(apiJdbi.withHandle(h -> h.createQuery("SELECT count(*) FROM users").mapTo(Long.class).one()),
                engine.tickets().counts().total(), engine.orders().countByStatus(),
                engine.tickets().get(ownTicket).toString());
    }

    @SeededTest(100)
    void shouldAnswer4xxWithTheErrorBodyAndChangeNothing_whateverTheBody(long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        for (Route route : routes()) {
            String body = random.nextInt(10) == 0 ? value(random, 0) : object(random, 0);
            State before = state();
            var request = HttpRequest.create(io.micronaut.http.HttpMethod.valueOf(route.method()), route.path())
                    .body(body).contentType(MediaType.APPLICATION_JSON_TYPE);
            if (route.as() != null) {
                request.bearerAuth(route.as().token());
            }
            Reply reply = call(request);

            assertThat(reply.status()).as("%s %s %s -> %s", route.method(), route.path(), body, reply.body())
                    .isLessThan(500);
            if (reply.status() >= 400) {
                reply.assertError(reply.status());
                engine.awaitQuiescence(QUIET);
                assertThat(state()).as("after %s %s %s", route.method(), route.path(), body).isEqualTo(before);
            }
            JsonNode errors = reply.status() >= 400 ? reply.json().path("errors") : null;
            if (errors != null) {
                errors.forEach(e -> assertThat(e.path("message").asText()).doesNotContain("Exception"));
            }
        }
    }

    /** A JSON object, as text: mostly the routes' own fields, with values of any kind. */
    private static String object(SplittableRandom random, int depth) {
        StringBuilder json = new StringBuilder("{");
        int fields = random.nextInt(5);
        for (int i = 0; i < fields; i++) {
            if (i > 0) {
                json.append(',');
            }
            json.append('"').append(FIELDS.get(random.nextInt(FIELDS.size()))).append("\":").append(value(random, depth + 1));
        }
        return json.append('}').toString();
    }

    private static String value(SplittableRandom random, int depth) {
        int kind = random.nextInt(depth > 3 ? 5 : 8);
        return switch (kind) {
            case 0 -> "null";
            case 1 -> random.nextBoolean() ? "true" : "false";
            case 2 -> NUMBERS.get(random.nextInt(NUMBERS.size()));
            case 3, 4 -> '"' + STRINGS.get(random.nextInt(STRINGS.size())) + '"';
            case 5 -> object(random, depth);
            case 6 -> {
                StringBuilder array = new StringBuilder("[");
                int n = random.nextInt(4);
                for (int i = 0; i < n; i++) {
                    array.append(i > 0 ? "," : "").append(value(random, depth + 1));
                }
                yield array.append(']').toString();
            }
            default -> "[".repeat(random.nextInt(1, 1500)) + "]".repeat(random.nextInt(1, 1500)); // deep nesting
        };
    }
}
