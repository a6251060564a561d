package dev.boxoffice.server.api;

import dev.boxoffice.engine.BoxOffice;
import dev.boxoffice.engine.cluster.Nodes;
import dev.boxoffice.engine.store.StoredTimes;
import dev.boxoffice.server.error.ApiException;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.json.JsonMapper;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.util.HexFormat;
import java.util.Optional;
import java.util.function.Supplier;
import org.jdbi.v3.core.Jdbi;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@code Idempotency-Key} header: the first successful response to a key is kept (per user) and returned
 * again for a repeat, which then does nothing more; the same key with a different request is refused, and a
 * repeat while the first is still running is told to retry. A failed first attempt changed nothing and keeps
 * nothing, so the key may be used again.
 *
 * <p>Across crashes: a key is claimed, in {@code api.db}, before the work, and the work itself (an order, a
 * payment) is committed by the engine under the same key. A claim remembers which run of the server holds it.
 * When a run dies between the two (kill -9, power loss), the next request with that key finds a claim whose
 * holder is gone, takes it over and does the work again; the engine, keyed, then returns what the dead run had
 * already done (the same order, the same payment, an interrupted authorization resumed) or does it now.
 *
 * <p>Several servers (nodes of a cluster) share the keys when they share the database: a claim is taken by
 * inserting it, so of two nodes claiming one key at once one gets it; a claim held by a run that is still going
 * (this one, or another node that reports into the engine's stores) answers 409; only the claim of a run that is
 * gone is taken over.
 */
@Singleton
public class IdempotencyKeys {

    private static final int MAX_KEY_LENGTH = 255;
    private static final Logger LOG = LoggerFactory.getLogger(IdempotencyKeys.class);

    /** This run of the server (its engine's run): the holder of the keys it claims. */
    private final String run;
    private final Nodes nodes;
    private final Jdbi jdbi;
    private final JsonMapper json;
    private final Clock clock;

    public IdempotencyKeys(Jdbi apiJdbi, JsonMapper json, Clock clock, BoxOffice engine) {
        this.jdbi = apiJdbi;
        this.json = json;
        this.clock = clock;
        this.nodes = engine.nodes();
        this.run = nodes.run();
    }

    private record Stored(String requestHash, @Nullable Integer status, @Nullable String body,
                          @Nullable String holder) {
    }

    /** Runs {@code action} once per key; without a key, just runs it. */
    public HttpResponse<?> once(String userId, @Nullable String key, String request,
                                Supplier<HttpResponse<?>> action) {
        if (key == null) {
            return action.get();
        }
        if (key.isBlank() || key.length() > MAX_KEY_LENGTH) {
            throw ApiException.badRequest("Idempotency-Key must be 1 to " + MAX_KEY_LENGTH + " characters");
        }
        String hash = sha256(request);
        Optional<Stored> earlier = claim(userId, key, hash);
        if (earlier.isPresent()) {
            return replay(earlier.get(), hash);
        }
        HttpResponse<?> response;
        try {
            response = action.get();
        } catch (RuntimeException e) {
            release(userId, key);
            throw e;
        }
        keep(userId, key, response);
        return response;
    }

    /**
     * Claims the key for this run: empty when the work is ours to do (a new key, or one a dead run left in
     * progress), otherwise what is stored for it.
     */
    private Optional<Stored> claim(String userId, String key, String hash) {
        int inserted = jdbi.withHandle(h -> h.createUpdate("INSERT INTO idempotency_keys (user_id, idem_key, "
                        + "request_hash, created_at, holder) VALUES (:u, :k, :hash, :at, :run) ON CONFLICT DO NOTHING")
                .bind("u", userId).bind("k", key).bind("hash", hash)
                .bind("at", StoredTimes.format(clock.instant())).bind("run", run).execute());
        if (inserted == 1) {
            return Optional.empty();
        }
        Optional<Stored> existing = jdbi.withHandle(h -> h.createQuery("SELECT request_hash, status, response_body, "
                        + "holder FROM idempotency_keys WHERE user_id = :u AND idem_key = :k")
                .bind("u", userId).bind("k", key)
                .map((rs, ctx) -> new Stored(rs.getString("request_hash"), (Integer) rs.getObject("status"),
                        rs.getString("response_body"), rs.getString("holder")))
                .findOne());
        if (existing.isEmpty()) {
            // released by a failed first attempt between the two statements: claim it afresh
            return claim(userId, key, hash);
        }
        Stored stored = existing.get();
        if (stored.status() == null && stored.requestHash().equals(hash)
                && (stored.holder() == null || !nodes.isRunning(stored.holder()))) {
            // of two requests taking over at once, the one whose update still finds the dead holder gets it
            int taken = jdbi.withHandle(h -> h.createUpdate("UPDATE idempotency_keys SET holder = :run "
                            + "WHERE user_id = :u AND idem_key = :k AND (holder = :dead OR holder IS NULL) "
                            + "AND status IS NULL")
                    .bind("run", run).bind("u", userId).bind("k", key).bind("dead", stored.holder()).execute());
            if (taken == 1) {
                LOG.info("Taking over Idempotency-Key {} of user {}: the run that claimed it is gone", key, userId);
                return Optional.empty();
            }
            return claim(userId, key, hash);
        }
        return existing;
    }

    private static HttpResponse<?> replay(Stored earlier, String hash) {
        if (!earlier.requestHash().equals(hash)) {
            throw ApiException.badRequest("This Idempotency-Key was already used for a different request");
        }
        if (earlier.status() == null) {
            throw new ApiException(HttpStatus.CONFLICT,
                    "A request with this Idempotency-Key is still being processed; retry shortly", null);
        }
        return HttpResponse.status(HttpStatus.valueOf(earlier.status()))
                .contentType(MediaType.APPLICATION_JSON_TYPE)
                .body(earlier.body() == null ? "" : earlier.body());
    }

    private void keep(String userId, String key, HttpResponse<?> response) {
        String body;
        try {
            body = response.getBody().isPresent() ? json.writeValueAsString(response.getBody().get()) : null;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        jdbi.useHandle(h -> h.createUpdate("UPDATE idempotency_keys SET status = :s, response_body = :b "
                        + "WHERE user_id = :u AND idem_key = :k")
                .bind("s", response.code()).bind("b", body).bind("u", userId).bind("k", key).execute());
    }

    private void release(String userId, String key) {
        jdbi.useHandle(h -> h.createUpdate("DELETE FROM idempotency_keys WHERE user_id = :u AND idem_key = :k "
                        + "AND status IS NULL")
                .bind("u", userId).bind("k", key).execute());
    }

    private static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }
}
