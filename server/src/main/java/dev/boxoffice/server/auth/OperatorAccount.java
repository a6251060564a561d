package dev.boxoffice.server.auth;

import dev.boxoffice.server.config.OperatorAccountConfiguration;
import io.micronaut.context.event.ApplicationEventListener;
import io.micronaut.context.event.StartupEvent;
import jakarta.inject.Singleton;
import java.util.Locale;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Creates the operator account at start if it does not exist, with the configured email and password. Without
 * a configured password there is no operator account (a password is never generated, stored or logged in
 * clear); a warning says how to set one.
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
        if (users.byEmail(email).isPresent()) {
            return;
        }
        if (config.password() == null || config.password().strip().length() < 4) {
            LOG.warn("No operator account: set BOXOFFICE_ADMIN_PASSWORD (4 to 20 characters, and optionally "
                    + "BOXOFFICE_ADMIN_EMAIL) to create {} at the next start", email);
            return;
        }
        users.create(email, hasher.hash(config.password().strip()), User.OPERATOR);
        LOG.info("Created operator account {}", email);
    }
}
