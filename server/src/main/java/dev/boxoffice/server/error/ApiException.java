package dev.boxoffice.server.error;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpStatus;
import java.util.List;

/**
 * A refusal decided at the HTTP edge (bad body, idempotency key misuse, rate limit), with its status and one
 * error item per problem (a body with several bad fields names each of them).
 */
public class ApiException extends RuntimeException {

    private final HttpStatus status;
    private final List<ApiError.Item> items;
    private final Long retryAfterSeconds;

    public ApiException(HttpStatus status, String message, @Nullable String field) {
        this(status, List.of(new ApiError.Item(message, field)), null);
    }

    private ApiException(HttpStatus status, List<ApiError.Item> items, @Nullable Long retryAfter) {
        super(items.get(0).message());
        this.status = status;
        this.items = List.copyOf(items);
        this.retryAfterSeconds = retryAfter;
    }

    /** 429, telling the client how long to wait. */
    public static ApiException tooManyRequests(String message, long retryAfterSeconds) {
        return new ApiException(HttpStatus.TOO_MANY_REQUESTS, List.of(new ApiError.Item(message, null)),
                retryAfterSeconds);
    }

    /** Seconds for a {@code Retry-After} header, when there is one. */
    @Nullable
    public Long retryAfterSeconds() {
        return retryAfterSeconds;
    }

    public static ApiException badRequest(String message) {
        return new ApiException(HttpStatus.BAD_REQUEST, message, null);
    }

    public static ApiException invalid(String field, String message) {
        return new ApiException(HttpStatus.BAD_REQUEST, message, field);
    }

    /** A 400 naming several bad fields, in the order given. */
    public static ApiException invalid(List<ApiError.Item> problems) {
        return new ApiException(HttpStatus.BAD_REQUEST, problems, null);
    }

    public HttpStatus status() {
        return status;
    }

    /** The problems, at least one; each names its field where it is about one. */
    public List<ApiError.Item> items() {
        return items;
    }

    /** The field of the first problem, if it is about one. */
    @Nullable
    public String field() {
        return items.get(0).field();
    }
}
