package dev.boxoffice.server.api;

import io.micronaut.http.HttpHeaders;
import io.micronaut.http.MediaType;
import io.micronaut.http.MutableHttpRequest;
import io.micronaut.http.annotation.RequestFilter;
import io.micronaut.http.annotation.ServerFilter;
import io.micronaut.http.server.annotation.PreMatching;

/**
 * The API answers JSON whatever the {@code Accept} header says, as the original app did: the original front end's
 * server-side rendering calls it with a browser's {@code Accept: text/html,...}. Without this, the router refuses
 * a request that does not accept JSON with 406 before the security rules run, so a signed-out page load would
 * not learn that it must sign in. The operator event stream is the one route that negotiates for itself, after
 * the security rules (see {@code AdminController#stream}).
 */
@ServerFilter("/api/**")
public class JsonApiAccept {

    /** The one API route that does not answer JSON. */
    static final String EVENT_STREAM = "/api/admin/stream";

    @PreMatching
    @RequestFilter
    public void answerJson(MutableHttpRequest<?> request) {
        if (!EVENT_STREAM.equals(request.getPath())) {
            request.getHeaders().set(HttpHeaders.ACCEPT, MediaType.APPLICATION_JSON);
        }
    }
}
