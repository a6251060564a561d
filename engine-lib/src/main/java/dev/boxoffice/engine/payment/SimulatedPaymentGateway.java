package dev.boxoffice.engine.payment;

import com.zaxxer.hikari.HikariDataSource;
import dev.boxoffice.engine.Money;
import dev.boxoffice.engine.internal.storage.Durability;
import dev.boxoffice.engine.internal.storage.SqliteFiles;
import java.nio.file.Path;
import java.util.Currency;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.jdbi.v3.core.Jdbi;

/**
 * The default gateway: behaves like a card processor's test mode. {@code tok_visa} and {@code tok_mastercard}
 * are authorized; {@code tok_chargeDeclined} is declined ({@code card_declined}); any other token is refused as
 * unknown ({@code invalid_token}). It remembers idempotency keys, so a repeated authorization returns the first
 * charge id, and counts what it did so that tests and simulations can check that nobody was charged twice.
 *
 * <p>{@code new SimulatedPaymentGateway()} keeps its records in memory; {@link #durable(Path)} also keeps them in
 * a SQLite file, as a real processor keeps its charges across a restart of the engine (the engine's default).
 * Thread-safe.
 */
public final class SimulatedPaymentGateway implements PaymentGateway, AutoCloseable {

    /** A token that is always authorized. */
    public static final String VISA = "tok_visa";
    /** A token that is always declined. */
    public static final String DECLINED = "tok_chargeDeclined";

    private static final Set<String> GOOD_TOKENS = Set.of(VISA, "tok_mastercard");
    private static final String AUTHORIZED = "authorized";
    private static final String CAPTURED = "captured";
    private static final String RELEASED = "released";

    private final Map<String, String> chargeByKey = new HashMap<>();
    private final Map<String, ChargeRequest> requests = new HashMap<>();
    private final Map<String, String> states = new HashMap<>();
    private final HikariDataSource dataSource;
    private final Jdbi jdbi;

    /** A gateway whose records live in memory only. */
    public SimulatedPaymentGateway() {
        this.dataSource = null;
        this.jdbi = null;
    }

    private SimulatedPaymentGateway(HikariDataSource dataSource) {
        this.dataSource = dataSource;
        this.jdbi = Jdbi.create(dataSource);
        jdbi.useHandle(h -> h.createQuery("SELECT * FROM charges").map((rs, ctx) -> {
            String chargeId = rs.getString("charge_id");
            ChargeRequest request = new ChargeRequest(new Money(rs.getLong("amount_minor"),
                    Currency.getInstance(rs.getString("currency"))), rs.getString("card_token"),
                    rs.getString("idempotency_key"), rs.getString("order_id"));
            chargeByKey.put(request.idempotencyKey(), chargeId);
            requests.put(chargeId, request);
            states.put(chargeId, rs.getString("state"));
            return chargeId;
        }).list());
    }

    /** A gateway that keeps its records in {@code dir/gateway.db} and finds them there again after a restart. */
    public static SimulatedPaymentGateway durable(Path dir) {
        HikariDataSource dataSource = SqliteFiles.open(dir, "gateway", Durability.FULL, 2);
        try {
            SqliteFiles.migrate(dataSource, "gateway");
            return new SimulatedPaymentGateway(dataSource);
        } catch (RuntimeException e) {
            dataSource.close();
            throw e;
        }
    }

    @Override
    public synchronized String authorize(ChargeRequest request) {
        if (DECLINED.equals(request.cardToken())) {
            throw new PaymentDeclinedException("card_declined", "Your card was declined.");
        }
        if (!GOOD_TOKENS.contains(request.cardToken())) {
            throw new PaymentDeclinedException("invalid_token", "No such card token: " + request.cardToken());
        }
        String known = chargeByKey.get(request.idempotencyKey());
        if (known != null) {
            return known;
        }
        String chargeId = "ch_" + UUID.randomUUID().toString().replace("-", "");
        if (jdbi != null) {
            jdbi.useHandle(h -> h.createUpdate("INSERT INTO charges (charge_id, idempotency_key, amount_minor, "
                            + "currency, card_token, order_id, state) VALUES (:id, :key, :amount, :currency, :token, "
                            + ":order, :state)")
                    .bind("id", chargeId).bind("key", request.idempotencyKey())
                    .bind("amount", request.amount().minorUnits())
                    .bind("currency", request.amount().currency().getCurrencyCode())
                    .bind("token", request.cardToken()).bind("order", request.orderId())
                    .bind("state", AUTHORIZED).execute());
        }
        chargeByKey.put(request.idempotencyKey(), chargeId);
        requests.put(chargeId, request);
        states.put(chargeId, AUTHORIZED);
        return chargeId;
    }

    @Override
    public synchronized void capture(String chargeId) {
        settle(chargeId, CAPTURED, RELEASED);
    }

    @Override
    public synchronized void release(String chargeId) {
        settle(chargeId, RELEASED, CAPTURED);
    }

    private void settle(String chargeId, String to, String conflicting) {
        String state = states.get(chargeId);
        if (state == null) {
            throw new IllegalArgumentException("No such charge: " + chargeId);
        }
        if (state.equals(conflicting)) {
            throw new IllegalStateException("Charge " + chargeId + " is " + state + " and cannot be " + to);
        }
        if (jdbi != null) {
            jdbi.useHandle(h -> h.createUpdate("UPDATE charges SET state = :state WHERE charge_id = :id")
                    .bind("state", to).bind("id", chargeId).execute());
        }
        states.put(chargeId, to);
    }

    /** How many distinct authorizations were made. */
    public synchronized int authorizations() {
        return requests.size();
    }

    /** The captured charges: money taken. */
    public synchronized Set<String> captured() {
        return chargesIn(CAPTURED);
    }

    /** The released charges: holds given back. */
    public synchronized Set<String> released() {
        return chargesIn(RELEASED);
    }

    /** What was asked for a charge, or null if there is no such charge. */
    public synchronized ChargeRequest request(String chargeId) {
        return requests.get(chargeId);
    }

    private Set<String> chargesIn(String state) {
        Set<String> ids = new HashSet<>();
        states.forEach((id, s) -> {
            if (s.equals(state)) {
                ids.add(id);
            }
        });
        return Set.copyOf(ids);
    }

    /** Closes the file of a durable gateway; an in-memory one has nothing to close. */
    @Override
    public void close() {
        if (dataSource != null) {
            dataSource.close();
        }
    }
}
