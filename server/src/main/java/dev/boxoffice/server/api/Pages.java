package dev.boxoffice.server.api;

import dev.boxoffice.engine.NotFoundException;
import dev.boxoffice.engine.ValidationException;
import dev.boxoffice.server.error.ApiException;
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

    /** One page of a list as the engine gives it: up to {@code limit} items after an id (null: from the first). */
    @FunctionalInterface
    public interface Source<T> {
        List<T> page(String afterId, int limit);
    }

    /**
     * The {@code size + 1} items after {@code after} (none or blank: from the first) that {@link #of} makes a page
     * of. An {@code after} the engine does not know, or refuses as an id, is a 400 naming the {@code after}
     * parameter: "after must be " {@code what}.
     */
    public static <T> List<T> fetch(Source<T> source, String after, int size, String what) {
        try {
            return source.page(QueryValues.orNull(after), size + 1);
        } catch (NotFoundException | ValidationException e) {
            throw ApiException.invalid("after", "after must be " + what);
        }
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
