package dev.boxoffice.server.api;

import static org.assertj.core.api.Assertions.assertThat;

import dev.boxoffice.server.ApiTestSupport;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import org.junit.jupiter.api.Test;

@MicronautTest
class TicketsApiTest extends ApiTestSupport {

    @Test
    void shouldCreateATicketAtVersionZero() {
        Session seller = signup();

        Reply reply = post("/api/tickets", "{\"title\":\"Concert\",\"price\":20.5}", seller);

        assertThat(reply.status()).isEqualTo(201);
        assertThat(reply.text("title")).isEqualTo("Concert");
        assertThat(reply.json().path("price").decimalValue()).isEqualByComparingTo("20.50");
        assertThat(reply.text("userId")).isEqualTo(seller.id());
        assertThat(reply.json().path("version").asLong()).isZero();
        assertThat(reply.json().has("orderId")).isTrue();
        assertThat(reply.json().path("orderId").isNull()).isTrue();
        assertThat(get("/api/tickets/" + reply.text("id"), null).json()).isEqualTo(reply.json());
    }

    @Test
    void shouldRequireSigningInToSell() {
        post("/api/tickets", "{\"title\":\"Concert\",\"price\":20}", null).assertError(401);
    }

    @Test
    void shouldIgnoreFieldsAClientMustNotSet() {
        Session seller = signup();
        Reply reply = post("/api/tickets", "{\"title\":\"T\",\"price\":1,\"userId\":\"someone-else\",\"version\":7,"
                + "\"orderId\":\"x\",\"status\":\"complete\",\"extra\":[1,2]}", seller);

        assertThat(reply.status()).isEqualTo(201);
        assertThat(reply.text("userId")).isEqualTo(seller.id());
        assertThat(reply.json().path("version").asLong()).isZero();
        assertThat(reply.json().path("orderId").isNull()).isTrue();
    }

    @Test
    void shouldKeepAnyUnicodeTitleByteExact() {
        Session seller = signup();
        String title = "Zürich — 東京 🎟️ \\\"quoted\\\"";

        Reply reply = post("/api/tickets", "{\"title\":\"" + title + "\",\"price\":3}", seller);

        assertThat(get("/api/tickets/" + reply.text("id"), null).text("title"))
                .isEqualTo("Zürich — 東京 🎟️ \"quoted\"");
    }

    @Test
    void shouldRefuseBadTitlesAndPricesNamingTheField() {
        Session seller = signup();
        String[][] cases = {
                {"{\"price\":10}", "title"},
                {"{\"title\":\"   \",\"price\":10}", "title"},
                {"{\"title\":\"" + "x".repeat(201) + "\",\"price\":10}", "title"},
                {"{\"title\":7,\"price\":10}", "title"},
                {"{\"title\":\"T\"}", "price"},
                {"{\"title\":\"T\",\"price\":\"ten\"}", "price"},
                {"{\"title\":\"T\",\"price\":true}", "price"},
                {"{\"title\":\"T\",\"price\":0}", "price"},
                {"{\"title\":\"T\",\"price\":-5}", "price"},
                {"{\"title\":\"T\",\"price\":1000000.01}", "price"},
                {"{\"title\":\"T\",\"price\":1e400}", "price"},
                {"{\"title\":\"T\",\"price\":10.001}", "price"},
                {"{\"title\":\"T\",\"price\":10.0000000000000001}", "price"},
                {"{\"title\":\"T\",\"price\":null}", "price"},
        };
        for (String[] c : cases) {
            assertThat(post("/api/tickets", c[0], seller).assertError(400).firstErrorField()).as(c[0])
                    .isEqualTo(c[1]);
        }
        assertThat(post("/api/tickets", "{\"title\":\"T\",\"price\":1000000}", seller).status()).isEqualTo(201);
        assertThat(get("/api/tickets", null).json().size()).isEqualTo(1);
    }

    @Test
    void shouldAnswer404ForAnUnknownId_and400ForAMalformedOne() {
        get("/api/tickets/3f0d9a8e-1b2c-4d5e-8f90-123456789abc", null).assertError(404);
        assertThat(get("/api/tickets/not-a-uuid", null).assertError(400).firstErrorField()).isEqualTo("ticketId");
        put("/api/tickets/3f0d9a8e-1b2c-4d5e-8f90-123456789abc", "{\"title\":\"T\",\"price\":1}", signup())
                .assertError(404);
    }

    @Test
    void shouldLetOnlyTheOwnerEditAndRefuseAnEditWhileReserved() {
        Session seller = signup();
        Session other = signup();
        String ticketId = replicatedTicket(seller, "Opera", "40");

        put("/api/tickets/" + ticketId, "{\"title\":\"Mine\",\"price\":1}", other).assertError(401);
        put("/api/tickets/" + ticketId, "{\"title\":\"Mine\",\"price\":1}", null).assertError(401);
        put("/api/tickets/" + ticketId, "{\"title\":\"\",\"price\":1}", seller).assertError(400);
        Reply edited = put("/api/tickets/" + ticketId, "{\"title\":\"Opera gala\",\"price\":45}", seller);
        assertThat(edited.status()).isEqualTo(200);
        assertThat(edited.json().path("version").asLong()).isEqualTo(1);

        engine.awaitQuiescence(QUIET);
        placedOrder(signup(), ticketId);
        assertThat(put("/api/tickets/" + ticketId, "{\"title\":\"Later\",\"price\":50}", seller)
                .assertError(400).firstErrorMessage()).isEqualTo("Cannot edit a reserved ticket");
        assertThat(get("/api/tickets/" + ticketId, null).text("title")).isEqualTo("Opera gala");
    }

    @Test
    void shouldListReservedTicketsWithTheirOrder() {
        Session seller = signup();
        String ticketId = replicatedTicket(seller, "Ballet", "30");
        String orderId = placedOrder(signup(), ticketId);

        var listed = get("/api/tickets", null).json();
        var ticket = java.util.stream.StreamSupport.stream(listed.spliterator(), false)
                .filter(t -> t.path("id").asText().equals(ticketId)).findFirst().orElseThrow();
        assertThat(ticket.path("orderId").asText()).isEqualTo(orderId);
        assertThat(ticket.path("version").asLong()).isEqualTo(1);
    }
}
