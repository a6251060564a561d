package dev.boxoffice.server.auth;

import dev.boxoffice.server.config.OperatorAccountConfiguration;
import io.micronaut.context.event.ApplicationEventListener;
import io.micronaut.context.event.StartupEvent;
import jakarta.inject.Singleton;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Locale;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Creates the operator account at start if it does not exist. Without a configured password, one is generated
 * and logged once, now; it is never stored in clear.
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
        boolean generated = config.password() == null || config.password().isBlank();
        String password = generated ? randomPassword() : config.password().strip();
        users.create(email, hasher.hash(password), User.OPERATOR);
        if (generated) {
            LOG.warn("Created operator account {} with generated password {} (set boxoffice.admin.password to "
                    + "choose one)", email, password);
        } else {
            LOG.info("Created operator account {}", email);
        }
    }

    private static String randomPassword() {
        byte[] bytes = new byte[12];
        new SecureRandom().nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}
