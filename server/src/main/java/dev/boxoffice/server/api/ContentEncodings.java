package dev.boxoffice.server.api;

import dev.boxoffice.server.error.ApiError;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.annotation.RequestFilter;
import io.micronaut.http.annotation.ServerFilter;
import io.micronaut.http.server.annotation.PreMatching;
import java.util.Locale;
import java.util.Set;

/**
 * Request bodies may be sent as they are or compressed with gzip or deflate, which the server decodes. Any other
 * {@code Content-Encoding} (br, compress, zstd, or a made-up one) is refused with 415 rather than read as if it
 * were plain text.
 */
@ServerFilter("/**")
public class ContentEncodings {

    static final Set<String> DECODED = Set.of("identity", "gzip", "x-gzip", "deflate", "x-deflate");

    @PreMatching
    @RequestFilter
    @Nullable
    public HttpResponse<ApiError> refuseUnknownCodings(HttpRequest<?> request) {
        for (String header : request.getHeaders().getAll(HttpHeaders.CONTENT_ENCODING)) {
            for (String coding : header.split(",")) {
                String name = coding.strip().toLowerCase(Locale.ROOT);
                if (!name.isEmpty() && !DECODED.contains(name)) {
                    return HttpResponse.<ApiError>status(HttpStatus.UNSUPPORTED_MEDIA_TYPE).body(ApiError.of(
                            "Content-Encoding must be gzip, deflate or none (identity)"));
                }
            }
        }
        return null;
    }
}
