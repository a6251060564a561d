package dev.boxoffice.server.auth;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.boxoffice.server.api.FieldChecks;
import dev.boxoffice.server.api.RequestBodies;
import dev.boxoffice.server.error.ApiException;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Consumes;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.cookie.Cookie;
import io.micronaut.http.cookie.SameSite;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.authentication.Authentication;
import io.micronaut.security.rules.SecurityRule;
import io.micronaut.security.token.generator.TokenGenerator;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/** Sign up, sign in, sign out and the current user, as in the original app. */
@Controller("/api/users")
@Secured(SecurityRule.IS_ANONYMOUS)
@ExecuteOn(TaskExecutors.BLOCKING)
public class UsersController {

    /** The session cookie's name, also configured as the token cookie the security filter reads. */
    public static final String SESSION_COOKIE = "session";
    private static final Duration SESSION = Duration.ofDays(1);
    private static final Pattern EMAIL = Pattern.compile("^[^@\\s]+@[^@\\s]+\\.[^@\\s]+$");

    private final UserStore users;
    private final PasswordHasher hasher;
    private final TokenGenerator tokens;
    private final RequestBodies bodies;

    public UsersController(UserStore users, PasswordHasher hasher, TokenGenerator tokens, RequestBodies bodies) {
        this.users = users;
        this.hasher = hasher;
        this.tokens = tokens;
        this.bodies = bodies;
    }

    /** What signup and signin answer. */
    public record SignedIn(String id, String email, String token) {
    }

    /** The current user, or null (always present). */
    @JsonInclude(JsonInclude.Include.ALWAYS)
    public record CurrentUser(@Nullable Map<String, Object> currentUser) {
    }

    @Post("/signup")
    @Consumes(MediaType.APPLICATION_JSON)
    public HttpResponse<SignedIn> signup(@Body @Nullable byte[] body) {
        ObjectNode json = bodies.object(body);
        FieldChecks fields = new FieldChecks();
        String email = fields.read(() -> email(json));
        String password = fields.read(() -> {
            String given = RequestBodies.string(json, "password").map(String::strip).orElse("");
            if (given.length() < 4 || given.length() > 20) {
                throw ApiException.invalid("password", "Password must be between 4 and 20 characters");
            }
            return given;
        });
        fields.refuseIfAny();
        User user = users.create(email, hasher.hash(password), User.USER)
                .orElseThrow(() -> ApiException.invalid("email", "Email in use"));
        return signedIn(HttpResponse.status(HttpStatus.CREATED), user);
    }

    @Post("/signin")
    @Consumes(MediaType.APPLICATION_JSON)
    public HttpResponse<SignedIn> signin(@Body @Nullable byte[] body) {
        ObjectNode json = bodies.object(body);
        FieldChecks fields = new FieldChecks();
        String email = fields.read(() -> email(json));
        String password = fields.read(() -> RequestBodies.string(json, "password").map(String::strip)
                .filter(p -> !p.isEmpty())
                .orElseThrow(() -> ApiException.invalid("password", "You must supply a password")));
        fields.refuseIfAny();
        User user = users.byEmail(email).filter(u -> hasher.matches(password, u.passwordHash()))
                .orElseThrow(() -> ApiException.badRequest("Invalid credentials"));
        return signedIn(HttpResponse.ok(), user);
    }

    @Post("/signout")
    public HttpResponse<Map<String, Object>> signout() {
        return HttpResponse.ok(Map.<String, Object>of()).cookie(sessionCookie("").maxAge(0));
    }

    @Get("/currentuser")
    public CurrentUser currentUser(@Nullable Authentication authentication) {
        if (authentication == null) {
            return new CurrentUser(null);
        }
        return new CurrentUser(Map.of("id", authentication.getName(),
                "email", authentication.getAttributes().getOrDefault("email", ""),
                "roles", authentication.getRoles()));
    }

    private MutableHttpResponse<SignedIn> signedIn(MutableHttpResponse<?> response, User user) {
        Authentication authentication = Authentication.build(user.id(), List.of(user.role()),
                Map.of("email", user.email()));
        String token = tokens.generateToken(authentication, (int) SESSION.toSeconds())
                .orElseThrow(() -> new IllegalStateException("No token generator is configured"));
        return response.body(new SignedIn(user.id(), user.email(), token)).cookie(sessionCookie(token));
    }

    private static Cookie sessionCookie(String value) {
        return Cookie.of(SESSION_COOKIE, value).httpOnly(true).sameSite(SameSite.Lax).path("/")
                .maxAge(SESSION);
    }

    private static String email(ObjectNode json) {
        String email = RequestBodies.string(json, "email").map(String::strip).map(e -> e.toLowerCase(Locale.ROOT))
                .orElse("");
        if (email.length() > 254 || !EMAIL.matcher(email).matches()) {
            throw ApiException.invalid("email", "Email must be valid");
        }
        return email;
    }
}
