package dev.boxoffice.server.error;

import dev.boxoffice.engine.BoxOfficeException;
import dev.boxoffice.engine.DatabaseUnreachableException;
import dev.boxoffice.engine.NotFoundException;
import dev.boxoffice.engine.NotOwnerException;
import dev.boxoffice.engine.ValidationException;
import dev.boxoffice.engine.payment.PaymentInProgressException;
import io.micronaut.context.annotation.Requires;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.server.exceptions.ExceptionHandler;
import io.netty.handler.codec.compression.DecompressionException;
import jakarta.inject.Singleton;
import org.jdbi.v3.core.JdbiException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Maps refusals to the contract's statuses and error body. */
public final class ApiExceptionHandlers {

    private ApiExceptionHandlers() {
    }

    /** Engine refusals: validation 400, not found 404, not the owner 401, a rule broken 400. */
    @Singleton
    @Requires(classes = BoxOfficeException.class)
    public static class EngineRefusals implements ExceptionHandler<BoxOfficeException, HttpResponse<ApiError>> {

        private static final Logger LOG = LoggerFactory.getLogger(EngineRefusals.class);

        @Override
        public HttpResponse<ApiError> handle(HttpRequest request, BoxOfficeException e) {
            if (e instanceof ValidationException v) {
                return HttpResponse.badRequest(ApiError.of(v.getMessage(), v.field()));
            }
            if (e instanceof NotFoundException notFound) {
                // the id is not echoed: it may be anything a client sent
                return HttpResponse.notFound(ApiError.of(capitalized(notFound.entity()) + " not found"));
            }
            if (e instanceof NotOwnerException) {
                return HttpResponse.status(HttpStatus.UNAUTHORIZED).body(ApiError.of("Not authorized"));
            }
            if (e instanceof PaymentInProgressException) {
                return HttpResponse.status(HttpStatus.CONFLICT).body(ApiError.of(e.getMessage()));
            }
            if (e instanceof dev.boxoffice.engine.RuleViolationException) {
                return HttpResponse.badRequest(ApiError.of(e.getMessage()));
            }
            if (e instanceof DatabaseUnreachableException) {
                return unavailable(request, e);
            }
            LOG.error("Engine failure on {} {}", request.getMethod(), request.getPath(), e);
            return HttpResponse.serverError(ApiError.of("Something went wrong on our side; nothing was changed"));
        }

        private static String capitalized(String word) {
            return word.isEmpty() ? word : Character.toUpperCase(word.charAt(0)) + word.substring(1);
        }
    }

    /**
     * The database did not answer: 503 with the error body and a Retry-After, nothing changed. One warning per
     * request, without the stack: the outage is not a bug.
     */
    static HttpResponse<ApiError> unavailable(HttpRequest<?> request, Throwable e) {
        LoggerFactory.getLogger(ApiExceptionHandlers.class).warn("{} {}: the database is unreachable: {}",
                request.getMethod(), request.getPath(), rootMessage(e));
        return HttpResponse.<ApiError>status(HttpStatus.SERVICE_UNAVAILABLE)
                .header(HttpHeaders.RETRY_AFTER, "5")
                .body(ApiError.of("The database is unreachable; nothing was changed. Try again shortly"));
    }

    private static String rootMessage(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return String.valueOf(root.getMessage());
    }

    /**
     * The server's own store (accounts, idempotency keys) read or written through Jdbi: when its database did not
     * answer, 503 as for the engine's stores; anything else is a bug (500, logged).
     */
    @Singleton
    @Requires(classes = JdbiException.class)
    public static class ApiStoreFailures implements ExceptionHandler<JdbiException, HttpResponse<ApiError>> {

        private static final Logger LOG = LoggerFactory.getLogger(ApiStoreFailures.class);

        @Override
        public HttpResponse<ApiError> handle(HttpRequest request, JdbiException e) {
            if (DatabaseUnreachableException.isUnreachable(e)) {
                return unavailable(request, e);
            }
            LOG.error("Store failure on {} {}", request.getMethod(), request.getPath(), e);
            return HttpResponse.serverError(ApiError.of("Something went wrong on our side; nothing was changed"));
        }
    }

    /** A body that claims a compression ({@code Content-Encoding: gzip} or {@code deflate}) it does not have. */
    @Singleton
    @Requires(classes = DecompressionException.class)
    public static class UndecodableBodies
            implements ExceptionHandler<DecompressionException, HttpResponse<ApiError>> {

        @Override
        public HttpResponse<ApiError> handle(HttpRequest request, DecompressionException e) {
            return HttpResponse.badRequest(ApiError.of("The body is not compressed as its Content-Encoding says"));
        }
    }

    /** Refusals decided at the HTTP edge. */
    @Singleton
    public static class EdgeRefusals implements ExceptionHandler<ApiException, HttpResponse<ApiError>> {

        @Override
        public HttpResponse<ApiError> handle(HttpRequest request, ApiException e) {
            var response = HttpResponse.<ApiError>status(e.status()).body(new ApiError(e.items()));
            if (e.retryAfterSeconds() != null) {
                response.header(HttpHeaders.RETRY_AFTER, String.valueOf(e.retryAfterSeconds()));
            }
            return response;
        }
    }
}
