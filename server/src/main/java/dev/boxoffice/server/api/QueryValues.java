package dev.boxoffice.server.api;

import dev.boxoffice.server.error.ApiException;
import io.micronaut.core.annotation.Nullable;

/** Query parameters read by hand, so that a bad one is a {@code 400} naming it rather than the framework's. */
public final class QueryValues {

    private QueryValues() {
    }

    /** {@code limit}: a whole number from 1 to {@code max}; {@code defaultLimit} when absent. */
    public static int limit(@Nullable String raw, int defaultLimit, int max) {
        if (raw == null) {
            return defaultLimit;
        }
        int limit;
        try {
            limit = Integer.parseInt(raw.strip());
        } catch (NumberFormatException e) {
            throw ApiException.invalid("limit", "limit must be a whole number");
        }
        if (limit < 1 || limit > max) {
            throw ApiException.invalid("limit", "limit must be between 1 and " + max);
        }
        return limit;
    }

    /** An optional text parameter as given, or null when absent or blank. */
    public static @Nullable String orNull(@Nullable String raw) {
        return raw == null || raw.isBlank() ? null : raw;
    }
}
