package dev.boxoffice.engine.payment;

import dev.boxoffice.engine.Money;
import dev.boxoffice.engine.store.Storage;
import dev.boxoffice.engine.store.Store;
import java.nio.file.Path;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Currency;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.statement.StatementContext;

/**
 * The default gateway: behaves like a card processor's test mode. {@code tok_visa} and {@code tok_mastercard}
 * are authorized; {@code tok_chargeDeclined} is declined ({@code card_declined}); any other token is refused as
 * unknown ({@code invalid_token}). It remembers idempotency keys, so a repeated authorization returns the first
 * charge id; capturing or releasing a charge twice is harmless; and it counts what it did so that tests and
 * simulations can check that nobody was charged twice.
 *
 * <p>{@code new SimulatedPaymentGateway()} keeps its records in memory; {@link #durable(Storage)} keeps them in a
 * store ({@code gateway}), as a real processor keeps its charges across a restart of the engine (the engine's
 * default), and reads them from there on every call, so that several processes sharing the store (PostgreSQL)
 * share one processor. Thread-safe.
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

    /** The records in memory; null for a durable gateway. */
    private final Map<String, Charge> charges;
    private final Store store;
    private final Jdbi jdbi;

    private record Charge(String chargeId, ChargeRequest request, String state) {
    }

    /** A gateway whose records live in memory only. */
    public SimulatedPaymentGateway() {
        this.charges = new HashMap<>();
        this.store = null;
        this.jdbi = null;
    }

    private SimulatedPaymentGateway(Store store) {
        this.charges = null;
        this.store = store;
        this.jdbi = Jdbi.create(store.dataSource());
    }

    /** A gateway that keeps its records in {@code dir/gateway.db} and finds them there again after a restart. */
    public static SimulatedPaymentGateway durable(Path dir) {
        return durable(Storage.sqlite(dir, true));
    }

    /** A gateway that keeps its records in the store {@code gateway} of {@code storage}. */
    public static SimulatedPaymentGateway durable(Storage storage) {
        return new SimulatedPaymentGateway(storage.open("gateway", 2, "gateway"));
    }

    @Override
    public synchronized String authorize(ChargeRequest request) {
        if (DECLINED.equals(request.cardToken())) {
            throw new PaymentDeclinedException("card_declined", "Your card was declined.");
        }
        if (!GOOD_TOKENS.contains(request.cardToken())) {
            throw new PaymentDeclinedException("invalid_token", "No such card token: " + request.cardToken());
        }
        String chargeId = "ch_" + UUID.randomUUID().toString().replace("-", "");
        if (jdbi == null) {
            for (Charge known : charges.values()) {
                if (known.request().idempotencyKey().equals(request.idempotencyKey())) {
                    return known.chargeId();
                }
            }
            charges.put(chargeId, new Charge(chargeId, request, AUTHORIZED));
            return chargeId;
        }
        // of two processes authorizing with one key at once, one inserts and both answer its charge
        return jdbi.withHandle(h -> {
            h.createUpdate("INSERT INTO charges (charge_id, idempotency_key, amount_minor, currency, card_token, "
                            + "order_id, state) VALUES (:id, :key, :amount, :currency, :token, :order, :state) "
                            + "ON CONFLICT DO NOTHING")
                    .bind("id", chargeId).bind("key", request.idempotencyKey())
                    .bind("amount", request.amount().minorUnits())
                    .bind("currency", request.amount().currency().getCurrencyCode())
                    .bind("token", request.cardToken()).bind("order", request.orderId())
                    .bind("state", AUTHORIZED).execute();
            return h.createQuery("SELECT charge_id FROM charges WHERE idempotency_key = :key")
                    .bind("key", request.idempotencyKey()).mapTo(String.class).one();
        });
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
        Charge charge = find(chargeId);
        if (charge == null) {
            throw new IllegalArgumentException("No such charge: " + chargeId);
        }
        if (charge.state().equals(conflicting)) {
            throw new IllegalStateException("Charge " + chargeId + " is " + charge.state() + " and cannot be " + to);
        }
        if (jdbi == null) {
            charges.put(chargeId, new Charge(chargeId, charge.request(), to));
            return;
        }
        int changed = jdbi.withHandle(h -> h.createUpdate("UPDATE charges SET state = :to WHERE charge_id = :id "
                        + "AND state <> :conflicting")
                .bind("to", to).bind("id", chargeId).bind("conflicting", conflicting).execute());
        if (changed == 0) {
            throw new IllegalStateException("Charge " + chargeId + " is " + conflicting + " and cannot be " + to);
        }
    }

    /** How many distinct authorizations were made. */
    public synchronized int authorizations() {
        return all().size();
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
        Charge charge = find(chargeId);
        return charge == null ? null : charge.request();
    }

    private Set<String> chargesIn(String state) {
        Set<String> ids = new HashSet<>();
        for (Charge charge : all()) {
            if (charge.state().equals(state)) {
                ids.add(charge.chargeId());
            }
        }
        return Set.copyOf(ids);
    }

    private Charge find(String chargeId) {
        if (jdbi == null) {
            return charges.get(chargeId);
        }
        return jdbi.withHandle(h -> h.createQuery("SELECT * FROM charges WHERE charge_id = :id").bind("id", chargeId)
                .map(SimulatedPaymentGateway::map).findOne().orElse(null));
    }

    private List<Charge> all() {
        if (jdbi == null) {
            return List.copyOf(charges.values());
        }
        return jdbi.withHandle(h -> h.createQuery("SELECT * FROM charges").map(SimulatedPaymentGateway::map).list());
    }

    private static Charge map(ResultSet rs, StatementContext ctx) throws SQLException {
        return new Charge(rs.getString("charge_id"), new ChargeRequest(new Money(rs.getLong("amount_minor"),
                Currency.getInstance(rs.getString("currency"))), rs.getString("card_token"),
                rs.getString("idempotency_key"), rs.getString("order_id")), rs.getString("state"));
    }

    /** Closes the store of a durable gateway; an in-memory one has nothing to close. */
    @Override
    public void close() {
        if (store != null) {
            store.close();
        }
    }
}
