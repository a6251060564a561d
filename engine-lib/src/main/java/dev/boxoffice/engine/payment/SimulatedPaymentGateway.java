package dev.boxoffice.engine.payment;

import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The default gateway: behaves like a card processor's test mode. {@code tok_visa} and {@code tok_mastercard}
 * are authorized; {@code tok_chargeDeclined} is declined ({@code card_declined}); any other token is refused as
 * unknown ({@code invalid_token}). It remembers idempotency keys, so a repeated authorization returns the first
 * charge id, and counts what it did so that tests and simulations can check that nobody was charged twice.
 * State lives in memory.
 */
public final class SimulatedPaymentGateway implements PaymentGateway {

    /** A token that is always authorized. */
    public static final String VISA = "tok_visa";
    /** A token that is always declined. */
    public static final String DECLINED = "tok_chargeDeclined";

    private static final Set<String> GOOD_TOKENS = Set.of(VISA, "tok_mastercard");

    private final Map<String, String> chargeByKey = new ConcurrentHashMap<>();
    private final Map<String, ChargeRequest> authorized = new ConcurrentHashMap<>();
    private final Set<String> captured = ConcurrentHashMap.newKeySet();
    private final Set<String> released = ConcurrentHashMap.newKeySet();

    @Override
    public String authorize(ChargeRequest request) {
        if (DECLINED.equals(request.cardToken())) {
            throw new PaymentDeclinedException("card_declined", "Your card was declined.");
        }
        if (!GOOD_TOKENS.contains(request.cardToken())) {
            throw new PaymentDeclinedException("invalid_token", "No such card token: " + request.cardToken());
        }
        return chargeByKey.computeIfAbsent(request.idempotencyKey(), key -> {
            String chargeId = "ch_" + UUID.randomUUID().toString().replace("-", "");
            authorized.put(chargeId, request);
            return chargeId;
        });
    }

    @Override
    public void capture(String chargeId) {
        requireKnown(chargeId);
        if (released.contains(chargeId)) {
            throw new IllegalStateException("Charge " + chargeId + " was released and cannot be captured");
        }
        captured.add(chargeId);
    }

    @Override
    public void release(String chargeId) {
        requireKnown(chargeId);
        if (captured.contains(chargeId)) {
            throw new IllegalStateException("Charge " + chargeId + " was captured and cannot be released");
        }
        released.add(chargeId);
    }

    private void requireKnown(String chargeId) {
        if (!authorized.containsKey(chargeId)) {
            throw new IllegalArgumentException("No such charge: " + chargeId);
        }
    }

    /** How many distinct authorizations were made. */
    public int authorizations() {
        return authorized.size();
    }

    /** The captured charges: money taken. */
    public Set<String> captured() {
        return Set.copyOf(captured);
    }

    /** The released charges: holds given back. */
    public Set<String> released() {
        return Set.copyOf(released);
    }

    /** What was asked for a charge, if it exists. */
    public ChargeRequest request(String chargeId) {
        return authorized.get(chargeId);
    }
}
