package dev.boxoffice.server.api;

import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.uri.UriBuilder;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * A page of a list, oldest first, as a JSON array: the engine is asked for one more item than the page holds, and
 * when it has one a {@code Link: <...?after=ID&limit=N>; rel="next"} header says where the next page starts (with
 * the same filters).
 */
public final class Pages {

    private Pages() {
    }

    /**
     * The items the page shows, of the {@code size + 1} fetched: the one more only says whether a next page follows
     * (read what goes with a page, such as its orders, for these alone).
     */
    public static <T> List<T> shown(List<T> fetched, int size) {
        return fetched.size() > size ? fetched.subList(0, size) : fetched;
    }

    /**
     * @param fetched up to {@code size + 1} items, as the engine returned them
     * @param filters the request's other query parameters, repeated in the next page's link (null values left out)
     */
    public static <T, V> MutableHttpResponse<List<V>> of(List<T> fetched, int size, Function<T, V> view,
                                                          Function<V, String> idOf, String path,
                                                          Map<String, String> filters) {
        List<V> shown = shown(fetched, size).stream().map(view).toList();
        MutableHttpResponse<List<V>> response = HttpResponse.ok(shown);
        if (fetched.size() > size) {
            UriBuilder next = UriBuilder.of(path);
            filters.forEach((name, value) -> {
                if (value != null) {
                    next.queryParam(name, value);
                }
            });
            next.queryParam("after", idOf.apply(shown.get(size - 1))).queryParam("limit", size);
            response.header(HttpHeaders.LINK, "<" + next + ">; rel=\"next\"");
        }
        return response;
    }
}
