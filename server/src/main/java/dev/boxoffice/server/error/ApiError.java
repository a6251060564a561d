package dev.boxoffice.server.error;

import io.micronaut.core.annotation.Nullable;
import java.util.List;

/** The error body of every 4xx, as in the original app: {@code {"errors":[{"message":...,"field":...}]}}. */
public record ApiError(List<Item> errors) {

    /** One problem; {@code field} names the offending input, for validation errors only. */
    public record Item(String message, @Nullable String field) {
    }

    public static ApiError of(String message) {
        return new ApiError(List.of(new Item(message, null)));
    }

    public static ApiError of(String message, @Nullable String field) {
        return new ApiError(List.of(new Item(message, field)));
    }
}
