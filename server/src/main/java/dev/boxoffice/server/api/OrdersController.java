package dev.boxoffice.server.api;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.boxoffice.engine.BoxOffice;
import dev.boxoffice.server.api.Views.OrderView;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Consumes;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Delete;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Header;
import io.micronaut.http.annotation.Post;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.authentication.Authentication;
import io.micronaut.security.rules.SecurityRule;
import java.util.List;

/** A buyer's orders: place, list, show, cancel. */
@Controller("/api/orders")
@Secured(SecurityRule.IS_AUTHENTICATED)
@ExecuteOn(TaskExecutors.BLOCKING)
public class OrdersController {

    private final BoxOffice engine;
    private final RequestBodies bodies;
    private final IdempotencyKeys idempotency;
    private final OrderRateLimiter rateLimiter;

    public OrdersController(BoxOffice engine, RequestBodies bodies, IdempotencyKeys idempotency,
                            OrderRateLimiter rateLimiter) {
        this.engine = engine;
        this.bodies = bodies;
        this.idempotency = idempotency;
        this.rateLimiter = rateLimiter;
    }

    @Post
    @Consumes(MediaType.APPLICATION_JSON)
    public HttpResponse<?> place(@Body @Nullable byte[] body, @Nullable @Header("Idempotency-Key") String key,
                                 Authentication user) {
        ObjectNode json = bodies.object(body);
        String ticketId = RequestBodies.requiredString(json, "ticketId");
        return idempotency.once(user.getName(), key, "POST /api/orders " + bodies.canonical(json), () -> {
            rateLimiter.take(user.getName());
            // the key goes to the engine too, so that a request repeated after a crash finds its order
            return HttpResponse.created(OrderView.of(engine.orders().place(ticketId, user.getName(), key)));
        });
    }

    @Get
    public List<OrderView> list(Authentication user) {
        return engine.orders().listFor(user.getName()).stream().map(OrderView::of).toList();
    }

    @Get("/{id}")
    public OrderView show(String id, Authentication user) {
        return OrderView.of(engine.orders().getFor(id, user.getName()));
    }

    @Delete("/{id}")
    public HttpResponse<Void> cancel(String id, Authentication user) {
        engine.orders().cancel(id, user.getName());
        return HttpResponse.noContent();
    }
}
