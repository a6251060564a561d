package dev.boxoffice.server.api;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.boxoffice.engine.BoxOffice;
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
        ObjectNode json = bodies.object(body);
        String title = RequestBodies.title(json);
        var price = RequestBodies.price(json);
        return HttpResponse.created(TicketView.of(engine.tickets().create(title, price, user.getName())));
    }

    @Get
    @Secured(SecurityRule.IS_ANONYMOUS)
    public List<TicketView> list() {
        return engine.tickets().list().stream().map(TicketView::of).toList();
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
        ObjectNode json = bodies.object(body);
        String title = RequestBodies.title(json);
        var price = RequestBodies.price(json);
        return TicketView.of(engine.tickets().update(id, title, price, user.getName()));
    }
}
