package dev.boxoffice.server.compat;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.boxoffice.server.ApiTestSupport;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * Sends exactly what the original app's Next.js front end sends: axios requests with its {@code Accept} header and
 * the {@code session} cookie, and server-side rendering with a browser's {@code Accept: text/html}. Through the
 * JDK's client, which never follows a redirect, so that a redirect is seen as one.
 */
@MicronautTest
class OriginalFrontEndTest extends ApiTestSupport {

    private static final String AXIOS_ACCEPT = "application/json, text/plain, */*";
    private static final String BROWSER_ACCEPT =
            "text/html,application/xhtml+xml,application/xml;q=0.9,image/avif,image/webp,*/*;q=0.8";
    private static final Pattern MILLIS = Pattern.compile("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}Z");
    private static final ObjectMapper JSON = new ObjectMapper();

    @Inject
    EmbeddedServer server;

    private final HttpClient browser = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER)
            .connectTimeout(Duration.ofSeconds(5)).build();

    /** What the front end's axios sends: JSON, its Accept header, and the cookie when signed in. */
    private Answer axios(String method, String path, String body, String cookie) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(server.getURL() + path))
                .header("Accept", AXIOS_ACCEPT)
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : BodyPublishers.ofString(body));
        if (body != null) {
            request.header("Content-Type", "application/json");
        }
        if (cookie != null) {
            request.header("Cookie", cookie);
        }
        return send(request.build());
    }

    /** What server-side rendering sends: the browser's own headers. */
    private Answer page(String path, String cookie, String accept) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(server.getURL() + path))
                .header("Accept", accept).GET();
        if (cookie != null) {
            request.header("Cookie", cookie);
        }
        return send(request.build());
    }

    private Answer send(HttpRequest request) {
        try {
            HttpResponse<String> response = browser.send(request, BodyHandlers.ofString());
            return new Answer(response.statusCode(), response.body(), response);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    record Answer(int status, String body, HttpResponse<String> response) {
        JsonNode json() {
            try {
                return JSON.readTree(body);
            } catch (IOException e) {
                throw new AssertionError("Not JSON (status " + status + "): " + body, e);
            }
        }

        /** The error entries as "field: message". */
        List<String> errors() {
            List<String> found = new ArrayList<>();
            json().path("errors").forEach(e -> found.add(e.path("field").asText("-") + ": " + e.path("message").asText()));
            return found;
        }

        String sessionCookie() {
            return response.headers().allValues("Set-Cookie").stream().filter(c -> c.startsWith("session="))
                    .map(c -> c.substring(0, c.indexOf(';'))).findFirst().orElseThrow();
        }
    }

    private String signedUp() {
        Answer signup = axios("POST", "/api/users/signup",
                "{\"email\":\"fan-" + System.nanoTime() + "@example.com\",\"password\":\"secret\"}", null);
        assertThat(signup.status()).as(signup.body()).isEqualTo(201);
        return signup.sessionCookie();
    }

    @Test
    void shouldSellATicketPricedAsTheFormSendsIt_aStringFromToFixed() {
        String cookie = signedUp();

        Answer created = axios("POST", "/api/tickets", "{\"title\":\"Concert\",\"price\":\"12.50\"}", cookie);
        Answer whole = axios("POST", "/api/tickets", "{\"title\":\"Play\",\"price\":\"20\"}", cookie);

        assertThat(created.status()).as(created.body()).isEqualTo(201);
        assertThat(created.json().path("price").isNumber()).isTrue();
        assertThat(created.json().path("price").decimalValue()).isEqualByComparingTo("12.50");
        assertThat(whole.status()).as(whole.body()).isEqualTo(201);
        assertThat(whole.json().path("price").decimalValue()).isEqualByComparingTo("20");
        String id = created.json().path("id").asText();
        Answer edited = axios("PUT", "/api/tickets/" + id, "{\"title\":\"Concert\",\"price\":\"14.75\"}", cookie);
        assertThat(edited.status()).as(edited.body()).isEqualTo(200);
        assertThat(engine.tickets().get(id).price().minorUnits()).isEqualTo(1475);
        assertThat(axios("POST", "/api/tickets", "{\"title\":\"Dot\",\"price\":\".5\"}", cookie).status())
                .isEqualTo(201);
    }

    @Test
    void shouldRefuseAStringThatIsNoPlainDecimal_andChangeNothing() {
        String cookie = signedUp();
        String id = axios("POST", "/api/tickets", "{\"title\":\"Fixed\",\"price\":\"30.00\"}", cookie)
                .json().path("id").asText();
        long before = engine.tickets().counts().total();
        String[] refused = {"\"abc\"", "\"1e3\"", "\"-5\"", "\"+5\"", "\" 5\"", "\"5 \"", "\"\"", "\".\"",
                "\"1.2.3\"", "\"12.345\"", "\"0\"", "\"0.00\"", "\"1000000.01\"", "\"١٢\"", "\"0x10\"", "\"NaN\"",
                "\"Infinity\"", "\"12,50\"", "[\"12\"]", "{\"amount\":12}"};

        for (String price : refused) {
            Answer create = axios("POST", "/api/tickets", "{\"title\":\"Bad\",\"price\":" + price + "}", cookie);
            assertThat(create.status()).as(price + " -> " + create.body()).isEqualTo(400);
            assertThat(create.errors()).as(price).singleElement().asString().startsWith("price: ");
            Answer edit = axios("PUT", "/api/tickets/" + id, "{\"title\":\"Changed\",\"price\":" + price + "}",
                    cookie);
            assertThat(edit.status()).as(price).isEqualTo(400);
        }

        assertThat(engine.tickets().counts().total()).isEqualTo(before);
        assertThat(engine.tickets().get(id).title()).isEqualTo("Fixed");
        assertThat(engine.tickets().get(id).version()).isZero();
        assertThat(axios("POST", "/api/tickets", "{\"title\":\"Top\",\"price\":\"1000000.00\"}", cookie).status())
                .isEqualTo(201);
    }

    @Test
    void shouldReportEveryBadFieldInFieldOrder() {
        String cookie = signedUp();

        assertThat(axios("POST", "/api/users/signup", "{\"email\":\"not-an-email\",\"password\":\"ab\"}", null)
                .errors()).containsExactly("email: Email must be valid",
                "password: Password must be between 4 and 20 characters");
        assertThat(axios("POST", "/api/users/signin", "{\"email\":\"nope\"}", null).errors())
                .containsExactly("email: Email must be valid", "password: You must supply a password");
        assertThat(axios("POST", "/api/tickets", "{\"title\":\"  \",\"price\":\"free\"}", cookie).errors())
                .containsExactly("title: Title is required", "price: Price must be a number");
        assertThat(axios("POST", "/api/tickets", "{\"price\":-1}", cookie).errors())
                .containsExactly("title: Title is required", "price: Price must be greater than 0");
        String id = axios("POST", "/api/tickets", "{\"title\":\"Ok\",\"price\":\"5\"}", cookie)
                .json().path("id").asText();
        assertThat(axios("PUT", "/api/tickets/" + id, "{\"title\":\"" + "x".repeat(201) + "\",\"price\":0}", cookie)
                .errors()).containsExactly("title: Title must be at most 200 characters",
                "price: Price must be greater than 0");
        assertThat(axios("POST", "/api/payments", "{}", cookie).errors())
                .containsExactly("token: token is required", "orderId: orderId is required");
        assertThat(axios("POST", "/api/orders", "{}", cookie).errors())
                .containsExactly("ticketId: ticketId is required");
        assertThat(engine.tickets().get(id).title()).isEqualTo("Ok");
    }

    @Test
    void shouldAnswer401ToASignedOutPageLoadInsteadOfRedirecting() {
        for (String path : List.of("/api/orders", "/api/orders/3f0d9a8e-1b2c-4d5e-8f90-123456789abc",
                "/api/admin/stats")) {
            for (String accept : List.of(BROWSER_ACCEPT, "text/html", "image/png")) {
                for (String cookie : new String[] {null, "session=", "session=not.a.token"}) {
                    Answer answer = page(path, cookie, accept);
                    assertThat(answer.status()).as(path + " " + accept + " " + cookie).isEqualTo(401);
                    assertThat(answer.response().headers().firstValue("Location")).isEmpty();
                    assertThat(answer.response().headers().firstValue("Content-Type")).hasValueSatisfying(
                            type -> assertThat(type).startsWith("application/json"));
                    assertThat(answer.errors()).containsExactly("-: Not authorized");
                }
            }
        }
    }

    @Test
    void shouldAnswerJsonToASignedInPageLoadWhateverItAccepts() {
        String cookie = signedUp();
        String ticketId = axios("POST", "/api/tickets", "{\"title\":\"Rendered\",\"price\":\"8\"}", cookie)
                .json().path("id").asText();

        for (String accept : List.of(BROWSER_ACCEPT, "text/html")) {
            assertThat(page("/api/orders", cookie, accept).json().isArray()).as(accept).isTrue();
            assertThat(page("/api/tickets/" + ticketId, null, accept).json().path("title").asText()).as(accept)
                    .isEqualTo("Rendered");
            assertThat(page("/api/users/currentuser", cookie, accept).json().path("currentUser").path("id")
                    .isTextual()).as(accept).isTrue();
        }
    }

    @Test
    void shouldAnswer403ToANormalUsersPageLoadOfAnOperatorRoute() {
        String cookie = signedUp();

        for (String accept : List.of(BROWSER_ACCEPT, "text/html")) {
            Answer answer = page("/api/admin/stats", cookie, accept);

            assertThat(answer.status()).as(accept).isEqualTo(403);
            assertThat(answer.response().headers().firstValue("Location")).isEmpty();
            assertThat(answer.errors()).hasSize(1);
        }
        assertThat(page("/api/orders", cookie, BROWSER_ACCEPT).json().isArray()).isTrue();
    }

    @Test
    void shouldAuthorizeTheEventStreamBeforeLookingAtTheAcceptHeader() {
        String user = signedUp();
        Answer signin = axios("POST", "/api/users/signin",
                "{\"email\":\"" + OPERATOR_EMAIL + "\",\"password\":\"" + OPERATOR_PASSWORD + "\"}", null);
        String operator = signin.sessionCookie();

        for (String accept : List.of("application/json", AXIOS_ACCEPT, BROWSER_ACCEPT, "text/html")) {
            assertThat(page("/api/admin/stream", null, accept).status()).as(accept).isEqualTo(401);
            assertThat(page("/api/admin/stream", user, accept).status()).as(accept).isEqualTo(403);
        }
        Answer json = page("/api/admin/stream", operator, "application/json");
        assertThat(json.status()).isEqualTo(406);
        assertThat(json.errors()).singleElement().asString().contains("text/event-stream");
    }

    @Test
    void shouldWriteTimesWithMillisecondsThatJavaScriptParses() {
        String cookie = signedUp();
        clock.advance(Duration.ofNanos(137_070_229));
        String ticketId = axios("POST", "/api/tickets", "{\"title\":\"Timed\",\"price\":\"9.99\"}", cookie)
                .json().path("id").asText();
        engine.awaitQuiescence(QUIET);

        Answer order = axios("POST", "/api/orders", "{\"ticketId\":\"" + ticketId + "\"}", cookie);

        assertThat(order.status()).as(order.body()).isEqualTo(201);
        String expiresAt = order.json().path("expiresAt").asText();
        assertThat(expiresAt).matches(MILLIS);
        assertThat(Instant.parse(expiresAt))
                .isEqualTo(clock.instant().plusSeconds(60).truncatedTo(ChronoUnit.MILLIS));
        assertThat(axios("GET", "/api/orders", null, cookie).json().get(0).path("expiresAt").asText())
                .isEqualTo(expiresAt);
        engine.awaitQuiescence(QUIET);
        Answer events = axios("GET", "/api/admin/events?aggregateId=" + order.json().path("id").asText(), null,
                axios("POST", "/api/users/signin", "{\"email\":\"" + OPERATOR_EMAIL + "\",\"password\":\""
                        + OPERATOR_PASSWORD + "\"}", null).sessionCookie());
        assertThat(events.json()).isNotEmpty();
        for (JsonNode event : events.json()) {
            assertThat(event.path("occurredAt").asText()).matches(MILLIS);
            if (event.path("payload").has("expiresAt")) {
                assertThat(event.path("payload").path("expiresAt").asText()).isEqualTo(expiresAt);
            }
        }
        Answer expirations = axios("GET", "/api/admin/expirations", null,
                axios("POST", "/api/users/signin", "{\"email\":\"" + OPERATOR_EMAIL + "\",\"password\":\""
                        + OPERATOR_PASSWORD + "\"}", null).sessionCookie());
        assertThat(expirations.json().get(0).path("expiresAt").asText()).isEqualTo(expiresAt);
    }
}
