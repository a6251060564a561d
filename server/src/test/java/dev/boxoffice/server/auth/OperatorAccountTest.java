package dev.boxoffice.server.auth;

import static org.assertj.core.api.Assertions.assertThat;

import dev.boxoffice.engine.support.TempDirs;
import io.micronaut.context.ApplicationContext;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** BOXOFFICE_ADMIN_PASSWORD is never silently ignored: at every start the setting wins and is applied. */
class OperatorAccountTest {

    private static final String EMAIL = "admin@boxoffice.local";
    private final Path dir = TempDirs.create("operator-account");

    @AfterEach
    void clean() {
        TempDirs.delete(dir);
    }

    /** Starts the server's context on the directory with this operator password (null: none), and stops it. */
    private User operatorAfterStart(String password) {
        Map<String, Object> properties = new HashMap<>(Map.of("boxoffice.data-dir", dir.toString(),
                "boxoffice.admin.email", EMAIL));
        if (password != null) {
            properties.put("boxoffice.admin.password", password);
        }
        try (ApplicationContext context = start(properties)) {
            return context.getBean(UserStore.class).byEmail(EMAIL).orElse(null);
        }
    }

    /** The server's context with only these settings (not the test environment's operator). */
    private static ApplicationContext start(Map<String, Object> properties) {
        return ApplicationContext.builder().deduceEnvironment(false).properties(properties).start();
    }

    private static boolean matches(User user, String password) {
        return new PasswordHasher().matches(password, user.passwordHash());
    }

    @Test
    void shouldApplyAChangedPasswordAtTheNextStart_andKeepTheStoredOneWhenNoneIsSet() {
        User first = operatorAfterStart("first-pass");
        assertThat(first.role()).isEqualTo(User.OPERATOR);
        assertThat(matches(first, "first-pass")).isTrue();

        User changed = operatorAfterStart("second-pass");
        assertThat(changed.id()).isEqualTo(first.id());
        assertThat(matches(changed, "second-pass")).isTrue();
        assertThat(matches(changed, "first-pass")).isFalse();

        User kept = operatorAfterStart(null);
        assertThat(matches(kept, "second-pass")).isTrue();
        assertThat(kept.role()).isEqualTo(User.OPERATOR);
    }

    @Test
    void shouldMakeTheConfiguredEmailTheOperator_evenIfSomeoneSignedUpWithItFirst() {
        assertThat(operatorAfterStart(null)).as("no password, no operator").isNull();
        try (ApplicationContext context = start(Map.of("boxoffice.data-dir", dir.toString()))) {
            context.getBean(UserStore.class).create(EMAIL, new PasswordHasher().hash("squatter"), User.USER);
        }

        User operator = operatorAfterStart("the-real-one");

        assertThat(operator.role()).isEqualTo(User.OPERATOR);
        assertThat(matches(operator, "the-real-one")).isTrue();
        assertThat(matches(operator, "squatter")).isFalse();
    }
}
