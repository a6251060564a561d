package dev.boxoffice.server.error;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpStatus;

/** A refusal decided at the HTTP edge (bad body, idempotency key misuse, rate limit), with its status. */
public class ApiException extends RuntimeException {

    private final HttpStatus status;
    private final String field;
    private final Long retryAfterSeconds;

    public ApiException(HttpStatus status, String message, @Nullable String field) {
        this(status, message, field, null);
    }

    private ApiException(HttpStatus status, String message, @Nullable String field, @Nullable Long retryAfter) {
        super(message);
        this.status = status;
        this.field = field;
        this.retryAfterSeconds = retryAfter;
    }

    /** 429, telling the client how long to wait. */
    public static ApiException tooManyRequests(String message, long retryAfterSeconds) {
        return new ApiException(HttpStatus.TOO_MANY_REQUESTS, message, null, retryAfterSeconds);
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

    public HttpStatus status() {
        return status;
    }

    @Nullable
    public String field() {
        return field;
    }
}
