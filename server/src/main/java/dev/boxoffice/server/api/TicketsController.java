package dev.boxoffice.server.api;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.boxoffice.engine.BoxOffice;
import dev.boxoffice.engine.Money;
import dev.boxoffice.engine.ticket.Ticket;
import dev.boxoffice.engine.ticket.TicketNotFoundException;
import dev.boxoffice.server.api.Views.TicketView;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Consumes;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.Put;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.authentication.Authentication;
import io.micronaut.security.rules.SecurityRule;
import java.util.List;

/** Tickets: anyone may look, signed-in users sell, owners edit. */
@Controller("/api/tickets")
@ExecuteOn(TaskExecutors.BLOCKING)
public class TicketsController {

    /** Tickets in one listing when the client does not say. */
    public static final int DEFAULT_PAGE = 500;
    /** The most tickets one listing answers. */
    public static final int MAX_PAGE = 1000;

    private final BoxOffice engine;
    private final RequestBodies bodies;

    public TicketsController(BoxOffice engine, RequestBodies bodies) {
        this.engine = engine;
        this.bodies = bodies;
    }

    @Post
    @Consumes(MediaType.APPLICATION_JSON)
    @Secured(SecurityRule.IS_AUTHENTICATED)
    public HttpResponse<TicketView> create(@Body @Nullable byte[] body, Authentication user) {
        TicketFields fields = TicketFields.read(bodies.object(body));
        return HttpResponse.created(TicketView.of(engine.tickets().create(fields.title(), fields.price(),
                user.getName())));
    }

    /**
     * A page of tickets, oldest first, as a JSON array (the original front end maps over it). When more follow,
     * a {@code Link: <...?after=ID&limit=N>; rel="next"} header says where the next page starts.
     */
    @Get
    @Secured(SecurityRule.IS_ANONYMOUS)
    public HttpResponse<List<TicketView>> list(@Nullable @QueryValue String after,
                                               @Nullable @QueryValue String limit) {
        int size = QueryValues.limit(limit, DEFAULT_PAGE, MAX_PAGE);
        List<Ticket> page = Pages.fetch(engine.tickets()::page, after, size, "the id of a ticket");
        return Pages.of(page, size, TicketView::of, TicketView::id, "/api/tickets", java.util.Map.of());
    }

    @Get("/{id}")
    @Secured(SecurityRule.IS_ANONYMOUS)
    public TicketView show(String id) {
        return engine.tickets().find(id).map(TicketView::of).orElseThrow(() -> new TicketNotFoundException(id));
    }

    @Put("/{id}")
    @Consumes(MediaType.APPLICATION_JSON)
    @Secured(SecurityRule.IS_AUTHENTICATED)
    public TicketView update(String id, @Body @Nullable byte[] body, Authentication user) {
        TicketFields fields = TicketFields.read(bodies.object(body));
        return TicketView.of(engine.tickets().update(id, fields.title(), fields.price(), user.getName()));
    }

    /** The body of a create or an edit, every bad field reported at once. */
    private record TicketFields(String title, Money price) {
        static TicketFields read(ObjectNode json) {
            FieldChecks fields = new FieldChecks();
            String title = fields.read(() -> RequestBodies.title(json));
            Money price = fields.read(() -> RequestBodies.price(json));
            fields.refuseIfAny();
            return new TicketFields(title, price);
        }
    }
}
