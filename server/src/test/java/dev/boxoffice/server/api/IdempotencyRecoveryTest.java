package dev.boxoffice.server.api;

import static org.assertj.core.api.Assertions.assertThat;

import dev.boxoffice.server.ApiTestSupport;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.MediaType;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.Test;

/**
 * The state a crash leaves when it strikes after the engine committed the work but before the server recorded
 * its answer: the work is there, the key is still "in progress", held by a run that is gone. (The other windows,
 * with a real server killed by SIGKILL, are in {@code IdempotencyAfterCrashTest}.)
 */
@MicronautTest
class IdempotencyRecoveryTest extends ApiTestSupport {

    @Inject
    Jdbi apiJdbi;

    private Reply withKey(String path, String body, Session session, String key) {
        return call(HttpRequest.POST(path, body).contentType(MediaType.APPLICATION_JSON_TYPE)
                .header("Idempotency-Key", key).bearerAuth(session.token()));
    }

    /** Puts the key back as the crash left it: no answer recorded, held by {@code holder}. */
    private void strand(Session user, String key, String holder) {
        int changed = apiJdbi.withHandle(h -> h.createUpdate("UPDATE idempotency_keys SET status = NULL, "
                        + "response_body = NULL, holder = COALESCE(:holder, holder) WHERE user_id = :u AND idem_key = :k")
                .bind("holder", holder).bind("u", user.id()).bind("k", key).execute());
        assertThat(changed).isEqualTo(1);
    }

    /** Does the work with a key, strands the key as a crash would, and retries: the same answer, done once. */
    private Reply retriedAfterTheRunDied(String path, String body, Session user, String key) {
        Reply first = withKey(path, body, user, key);
        assertThat(first.status()).as(first.body()).isEqualTo(201);

        strand(user, key, "a-run-that-died");
        Reply retried = withKey(path, body, user, key);

        assertThat(retried.status()).as(retried.body()).isEqualTo(201);
        assertThat(retried.text("id")).isEqualTo(first.text("id"));
        return retried;
    }

    @Test
    void shouldAnswerTheOrderAlreadyPlaced_whenTheRunThatPlacedItDiedBeforeAnswering() {
        Session buyer = signup();
        String body = "{\"ticketId\":\"" + replicatedTicket(signup(), "Recital", "15") + "\"}";

        Reply retried = retriedAfterTheRunDied("/api/orders", body, buyer, "k-order");

        assertThat(engine.orders().listFor(buyer.id())).hasSize(1);
        assertThat(withKey("/api/orders", body, buyer, "k-order").text("id")).isEqualTo(retried.text("id"));
    }

    @Test
    void shouldAnswerThePaymentAlreadyMade_whenTheRunThatMadeItDiedBeforeAnswering() {
        Session buyer = signup();
        String orderId = placedOrder(buyer, replicatedTicket(signup(), "Ballet", "40"));

        Reply retried = retriedAfterTheRunDied("/api/payments",
                "{\"token\":\"tok_visa\",\"orderId\":\"" + orderId + "\"}", buyer, "k-pay");

        assertThat(retried.text("orderId")).isEqualTo(orderId);
    }

    @Test
    void shouldStillAnswer409_whileThisRunIsDoingTheWork() {
        Session buyer = signup();
        String ticketId = replicatedTicket(signup(), "Quartet", "10");
        String body = "{\"ticketId\":\"" + ticketId + "\"}";
        assertThat(withKey("/api/orders", body, buyer, "k-busy").status()).isEqualTo(201);

        strand(buyer, "k-busy", null); // still held by this very run: the work is under way

        assertThat(withKey("/api/orders", body, buyer, "k-busy").assertError(409).firstErrorMessage())
                .contains("still being processed");
    }
}
