package dev.boxoffice.server.error;

import io.micronaut.context.annotation.Replaces;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.server.exceptions.response.ErrorContext;
import io.micronaut.http.server.exceptions.response.ErrorResponseProcessor;
import io.micronaut.http.server.exceptions.response.HateoasErrorResponseProcessor;
import jakarta.inject.Singleton;

/**
 * Gives the framework's own errors (unknown route, body too large, wrong content type, not signed in, not an
 * operator, malformed request) the contract's error body, with a message for people: never the framework's
 * internal message, which may name classes.
 */
@Singleton
@Replaces(HateoasErrorResponseProcessor.class)
public class ApiErrorResponseProcessor implements ErrorResponseProcessor<ApiError> {

    @Override
    public MutableHttpResponse<ApiError> processResponse(ErrorContext errorContext,
                                                         MutableHttpResponse<?> response) {
        return response.body(ApiError.of(messageFor(response.status())));
    }

    static String messageFor(HttpStatus status) {
        return switch (status) {
            case NOT_FOUND -> "Not found";
            case UNAUTHORIZED -> "Not authorized";
            case FORBIDDEN -> "Forbidden: this needs the operator role";
            case METHOD_NOT_ALLOWED -> "Method not allowed on this route";
            case REQUEST_ENTITY_TOO_LARGE -> "Request too large: the body may be at most 64 KB";
            case UNSUPPORTED_MEDIA_TYPE -> "Content-Type must be application/json";
            case NOT_ACCEPTABLE -> "Not acceptable";
            case BAD_REQUEST -> "Bad request: the body must be a JSON object";
            default -> status.getCode() >= 500 ? "Something went wrong on our side; nothing was changed"
                    : status.getReason();
        };
    }
}
