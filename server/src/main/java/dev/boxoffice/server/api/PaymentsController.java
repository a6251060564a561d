package dev.boxoffice.server.api;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.boxoffice.engine.BoxOffice;
import dev.boxoffice.server.api.Views.PaymentView;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Consumes;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Header;
import io.micronaut.http.annotation.Post;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.authentication.Authentication;
import io.micronaut.security.rules.SecurityRule;

/** Paying for an order with a card token ({@code tok_visa} succeeds, {@code tok_chargeDeclined} is declined). */
@Controller("/api/payments")
@Secured(SecurityRule.IS_AUTHENTICATED)
@ExecuteOn(TaskExecutors.BLOCKING)
public class PaymentsController {

    private final BoxOffice engine;
    private final RequestBodies bodies;
    private final IdempotencyKeys idempotency;

    public PaymentsController(BoxOffice engine, RequestBodies bodies, IdempotencyKeys idempotency) {
        this.engine = engine;
        this.bodies = bodies;
        this.idempotency = idempotency;
    }

    @Post
    @Consumes(MediaType.APPLICATION_JSON)
    public HttpResponse<?> pay(@Body @Nullable byte[] body, @Nullable @Header("Idempotency-Key") String key,
                               Authentication user) {
        ObjectNode json = bodies.object(body);
        FieldChecks fields = new FieldChecks();
        String token = fields.read(() -> RequestBodies.requiredString(json, "token"));
        String orderId = fields.read(() -> RequestBodies.requiredString(json, "orderId"));
        fields.refuseIfAny();
        String engineKey = key == null ? null : user.getName() + ":" + key;
        return idempotency.once(user.getName(), key, "POST /api/payments " + bodies.canonical(json), () ->
                HttpResponse.created(PaymentView.of(engine.payments().pay(orderId, token, user.getName(), engineKey))));
    }
}
