package dev.boxoffice.server.error;

import io.micronaut.core.annotation.Order;
import io.micronaut.core.order.Ordered;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpMethod;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.ResponseFilter;
import io.micronaut.http.annotation.ServerFilter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Every refusal carries the contract's error body, also those the framework answers without one: the CORS
 * filter's 403 for an origin that is not allowed (and its refused preflights). Runs outermost, so it sees the
 * response every other filter produced.
 */
@ServerFilter("/**")
@Order(Ordered.HIGHEST_PRECEDENCE)
public class EmptyErrorBodies {

    /** The setting that lists the origins allowed to call the API from a browser. */
    public static final String ALLOWED_ORIGINS = "boxoffice.allowed-origins";

    private static final Logger LOG = LoggerFactory.getLogger(EmptyErrorBodies.class);

    @ResponseFilter
    public void fill(HttpRequest<?> request, MutableHttpResponse<?> response) {
        if (response.code() < 400 || response.getBody().isPresent() || request.getMethod() == HttpMethod.HEAD) {
            return;
        }
        String origin = request.getHeaders().get(HttpHeaders.ORIGIN);
        String message;
        if (response.status() == HttpStatus.FORBIDDEN && origin != null) {
            LOG.info("Refused a cross-origin {} {} from origin '{}' (not in {})", request.getMethod(),
                    request.getPath(), printable(origin), ALLOWED_ORIGINS);
            message = "Cross-origin request refused: this origin is not in " + ALLOWED_ORIGINS;
        } else {
            message = ApiErrorResponseProcessor.messageFor(response.status());
        }
        response.body(ApiError.of(message)).contentType(MediaType.APPLICATION_JSON_TYPE);
    }

    /** At most 100 characters, control characters replaced: the header is whatever a client sent. */
    private static String printable(String text) {
        String cut = text.length() > 100 ? text.substring(0, 100) + "..." : text;
        return cut.replaceAll("\\p{Cntrl}", "?");
    }
}
