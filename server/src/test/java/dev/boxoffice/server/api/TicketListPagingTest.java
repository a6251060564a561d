package dev.boxoffice.server.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.boxoffice.engine.Money;
import dev.boxoffice.server.ApiTestSupport;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** {@code GET /api/tickets} answers a JSON array, never an unbounded one, with a link to the next page. */
@MicronautTest
class TicketListPagingTest extends ApiTestSupport {

    private static final Pattern NEXT = Pattern.compile("<([^>]+)>; rel=\"next\"");

    @Test
    void shouldAnswerAtMostAPageAndLinkToTheNextUntilAllAreSeen() {
        int total = TicketsController.DEFAULT_PAGE * 2 + 7;
        List<String> created = new ArrayList<>();
        for (int i = 0; i < total; i++) {
            created.add(engine.tickets().create("Seat " + i, Money.of("5", "USD"), "seller").id());
        }

        Reply first = get("/api/tickets", null);
        assertThat(first.status()).isEqualTo(200);
        assertThat(first.json().isArray()).isTrue();
        assertThat(first.json().size()).isEqualTo(TicketsController.DEFAULT_PAGE);

        List<String> seen = new ArrayList<>();
        Reply page = first;
        int pages = 1;
        while (true) {
            page.json().forEach(t -> seen.add(t.path("id").asText()));
            String link = page.headers().get("Link");
            if (link == null) {
                break;
            }
            Matcher next = NEXT.matcher(link);
            assertThat(next.matches()).as(link).isTrue();
            page = get(next.group(1), null);
            assertThat(page.status()).isEqualTo(200);
            pages++;
        }
        assertThat(pages).isEqualTo(3);
        assertThat(seen).containsExactlyElementsOf(created);

        JsonNode small = get("/api/tickets?limit=3&after=" + created.get(10), null).json();
        assertThat(small).hasSize(3);
        assertThat(small.get(0).path("id").asText()).isEqualTo(created.get(11));
        Reply max = get("/api/tickets?limit=" + TicketsController.MAX_PAGE, null);
        assertThat(max.json()).hasSize(TicketsController.MAX_PAGE);
        assertThat(max.headers().get("Link")).contains("after=" + created.get(TicketsController.MAX_PAGE - 1));
        Reply last = get("/api/tickets?after=" + created.get(total - 1), null);
        assertThat(last.json()).isEmpty();
        assertThat(last.headers().get("Link")).isNull();
    }

    @Test
    void shouldRefuseABadLimitOrAnUnknownStartNamingTheParameter() {
        for (String limit : List.of("0", "-1", "abc", "1.5", String.valueOf(TicketsController.MAX_PAGE + 1),
                "99999999999")) {
            assertThat(get("/api/tickets?limit=" + limit, null).assertError(400).firstErrorField()).as(limit)
                    .isEqualTo("limit");
        }
        for (String after : List.of("3f0d9a8e-1b2c-4d5e-8f90-123456789abc", "not-an-id")) {
            assertThat(get("/api/tickets?after=" + after, null).assertError(400).firstErrorField()).as(after)
                    .isEqualTo("after");
        }
    }
}
