package dev.boxoffice.server.auth;

import dev.boxoffice.server.config.OperatorAccountConfiguration;
import io.micronaut.context.event.ApplicationEventListener;
import io.micronaut.context.event.StartupEvent;
import jakarta.inject.Singleton;
import java.util.Locale;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Makes the configured operator account true at every start. With {@code BOXOFFICE_ADMIN_PASSWORD} set, the
 * account with {@code BOXOFFICE_ADMIN_EMAIL} is the operator with that password: created if absent, and if it
 * exists with another password (or as a normal user, signed up before the operator was configured) the setting
 * wins and is applied, with a log line saying so. Without a configured password no operator account is created (a
 * password is never generated, stored or logged in clear), and a warning says how to set one. The password's form
 * (4 to 72 characters) is checked before start by {@code StartupSettings}.
 */
@Singleton
public class OperatorAccount implements ApplicationEventListener<StartupEvent> {

    private static final Logger LOG = LoggerFactory.getLogger(OperatorAccount.class);

    private final OperatorAccountConfiguration config;
    private final UserStore users;
    private final PasswordHasher hasher;

    public OperatorAccount(OperatorAccountConfiguration config, UserStore users, PasswordHasher hasher) {
        this.config = config;
        this.users = users;
        this.hasher = hasher;
    }

    @Override
    public void onApplicationEvent(StartupEvent event) {
        String email = config.email().strip().toLowerCase(Locale.ROOT);
        Optional<User> existing = users.byEmail(email);
        if (config.password() == null || config.password().isBlank()) {
            if (existing.filter(u -> u.role().equals(User.OPERATOR)).isEmpty()) {
                LOG.warn("No operator account: BOXOFFICE_ADMIN_PASSWORD is not set. Set it (4 to 72 characters, and "
                        + "optionally BOXOFFICE_ADMIN_EMAIL) to make {} the operator at the next start", email);
            }
            return;
        }
        String password = config.password().strip();
        if (existing.isEmpty()) {
            users.create(email, hasher.hash(password), User.OPERATOR);
            LOG.info("Created operator account {}", email);
            return;
        }
        User user = existing.get();
        boolean operator = user.role().equals(User.OPERATOR);
        if (!operator || !hasher.matches(password, user.passwordHash())) {
            users.update(user.id(), hasher.hash(password), User.OPERATOR);
            LOG.info("Operator account {}: {} from BOXOFFICE_ADMIN_PASSWORD", email,
                    operator ? "password changed" : "made the operator, with the password");
        }
    }
}
