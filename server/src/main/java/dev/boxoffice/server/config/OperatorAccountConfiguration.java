package dev.boxoffice.server.config;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.core.bind.annotation.Bindable;

/**
 * The operator account, created at start if absent ({@code boxoffice.admin.*}). Without a configured password
 * no operator account is created.
 */
@ConfigurationProperties("boxoffice.admin")
public record OperatorAccountConfiguration(
        @Bindable(defaultValue = "admin@boxoffice.local") String email,
        @Nullable String password) {
}
