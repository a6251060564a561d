package dev.boxoffice.engine.internal.payment;

import dev.boxoffice.engine.internal.Arguments;
import dev.boxoffice.engine.BoxOfficeException;
import dev.boxoffice.engine.NotFoundException;
import dev.boxoffice.engine.NotOwnerException;
import dev.boxoffice.engine.ValidationException;
import dev.boxoffice.engine.event.EventEnvelope;
import dev.boxoffice.engine.event.OrderCreated;
import dev.boxoffice.engine.event.PaymentCreated;
import dev.boxoffice.engine.event.Subject;
import dev.boxoffice.engine.internal.messaging.BacklogSource;
import dev.boxoffice.engine.internal.messaging.EventHandler;
import dev.boxoffice.engine.internal.messaging.OrderChange;
import dev.boxoffice.engine.internal.messaging.ReplicaVersions;
import dev.boxoffice.engine.internal.messaging.ServiceDatabase;
import dev.boxoffice.engine.store.StoredTimes;
import dev.boxoffice.engine.internal.storage.Rows;
import dev.boxoffice.engine.order.OrderNotFoundException;
import dev.boxoffice.engine.order.OrderStatus;
import dev.boxoffice.engine.payment.ChargeRequest;
import dev.boxoffice.engine.payment.IdempotencyKeyReusedException;
import dev.boxoffice.engine.payment.OrderAlreadyPaidException;
import dev.boxoffice.engine.payment.OrderNotPayableException;
import dev.boxoffice.engine.payment.OrderReplica;
import dev.boxoffice.engine.payment.Payment;
import dev.boxoffice.engine.payment.PaymentDeclinedException;
import dev.boxoffice.engine.payment.PaymentGateway;
import dev.boxoffice.engine.payment.PaymentInProgressException;
import dev.boxoffice.engine.payment.PaymentStatus;
import dev.boxoffice.engine.payment.Payments;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.statement.StatementContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The payments service. It owns {@code payments} and keeps a versioned replica of orders ({@code order_replica}).
 *
 * <p>Paying authorizes the card and publishes {@code payment:created}; the orders service alone decides, in one
 * transaction with expiry and cancellation, whether the order completes. The charge is captured when
 * {@code order:completed} arrives and released when {@code order:cancelled} does, by a settlement loop that
 * tells the gateway after the decision is committed. So money is taken only for a complete order, once.
 */
public final class PaymentService implements Payments, EventHandler, BacklogSource {

    /** The events this service consumes. */
    public static final Set<Subject> SUBSCRIBES_TO = Set.of(Subject.ORDER_CREATED, Subject.ORDER_CANCELLED,
            Subject.ORDER_COMPLETED, Subject.ORDER_SNAPSHOT);

    private static final Logger LOG = LoggerFactory.getLogger(PaymentService.class);
    private static final String CAPTURE = "capture";
    private static final String RELEASE = "release";
    /**
     * Whether any payment is being settled or authorized: the condition of the partial index {@code
     * payments_to_settle}, written out. With the status a bound parameter, PostgreSQL plans the prepared statement
     * once for any status after five executions, and that plan cannot use the partial index: a scan of every payment
     * (28 ms on 500,000 rows, against 0.01–0.02 ms through the index: {@code docs/experiments/PgPlans.java}).
     */
    private static final String ANYTHING_TO_SETTLE = "SELECT EXISTS (SELECT 1 FROM payments "
            + "WHERE settlement IS NOT NULL OR status = '" + PaymentStatus.AUTHORIZING.wireName() + "')";

    private final ServiceDatabase db;
    private final PaymentGateway gateway;
    private final Clock clock;
    private final ReplicaVersions orderVersions;
    /** What the last round of the settlement loop found; false until one has run. */
    private volatile boolean nothingPending;

    public PaymentService(ServiceDatabase db, PaymentGateway gateway, Clock clock) {
        this.db = db;
        this.gateway = gateway;
        this.clock = clock;
        this.orderVersions = new ReplicaVersions("order", "order_replica", "id");
    }

    /** A payment row with what the service needs beyond the public record. */
    private record Row(Payment payment, String cardToken, String idempotencyKey) {
    }

    /** A claimed payment to authorize, or an earlier call's payment to return again. */
    private record Attempt(Row row, boolean replay) {
    }

    @Override
    public Payment pay(String orderId, String cardToken, String userId, String idempotencyKey) {
        Arguments.id("orderId", orderId);
        if (cardToken == null || cardToken.isBlank()) {
            throw new ValidationException("token", "A card token is required");
        }
        Arguments.text("userId", userId);
        Arguments.optionalText("idempotencyKey", idempotencyKey);
        Attempt attempt = db.inTransaction(h -> start(h, orderId, cardToken, userId, idempotencyKey));
        return attempt.replay() ? attempt.row().payment() : authorize(attempt.row());
    }

    /** Checks the order and claims it for this payment (the fence against a second payment). */
    private Attempt start(Handle h, String orderId, String cardToken, String userId, String idempotencyKey) {
        if (idempotencyKey != null) {
            Optional<Row> earlier = byKey(h, idempotencyKey);
            if (earlier.isPresent()) {
                return replay(earlier.get(), orderId, cardToken, userId);
            }
        }
        OrderReplica order = loadReplica(h, orderId, db.dialect().forUpdate())
                .orElseThrow(() -> new OrderNotFoundException(orderId));
        if (!order.userId().equals(userId)) {
            throw new NotOwnerException("order", orderId, userId);
        }
        switch (order.status()) {
            case CANCELLED -> throw new OrderNotPayableException(orderId, "Cannot pay for a cancelled order");
            case COMPLETE -> throw new OrderAlreadyPaidException(orderId);
            default -> {
                if (!clock.instant().isBefore(order.expiresAt())) {
                    throw new OrderNotPayableException(orderId, "Cannot pay for an expired order");
                }
            }
        }
        Payment payment = new Payment(UUID.randomUUID().toString(), orderId, userId, order.price(), null,
                PaymentStatus.AUTHORIZING, clock.instant());
        int inserted = h.createUpdate("INSERT INTO payments (id, order_id, user_id, price_minor, currency, card_token, "
                        + "idempotency_key, status, created_at) VALUES (:id, :orderId, :userId, :price, :currency, "
                        + ":token, :key, :status, :createdAt) ON CONFLICT DO NOTHING")
                .bind("id", payment.id()).bind("orderId", orderId).bind("userId", userId)
                .bind("price", order.price().minorUnits())
                .bind("currency", order.price().currency().getCurrencyCode())
                .bind("token", cardToken).bind("key", idempotencyKey)
                .bind("status", PaymentStatus.AUTHORIZING.wireName())
                .bind("createdAt", StoredTimes.format(payment.createdAt()))
                .execute();
        if (inserted == 0) {
            // a payment with the same key may have been inserted meanwhile, by another process: that one is ours
            Optional<Row> concurrent = idempotencyKey == null ? Optional.empty() : byKey(h, idempotencyKey);
            if (concurrent.isPresent()) {
                return replay(concurrent.get(), orderId, cardToken, userId);
            }
            throw new OrderAlreadyPaidException(orderId);
        }
        return new Attempt(new Row(payment, cardToken, idempotencyKey), false);
    }

    private static Attempt replay(Row earlier, String orderId, String cardToken, String userId) {
        Payment p = earlier.payment();
        if (!p.orderId().equals(orderId) || !p.userId().equals(userId) || !earlier.cardToken().equals(cardToken)) {
            throw new IdempotencyKeyReusedException(earlier.idempotencyKey());
        }
        if (p.status() == PaymentStatus.AUTHORIZING) {
            throw new PaymentInProgressException(p.id());
        }
        return new Attempt(earlier, true);
    }

    /** Asks the gateway to authorize, then records the outcome; see {@link #recordAuthorization}. */
    private Payment authorize(Row started) {
        Payment p = started.payment();
        String chargeId;
        try {
            chargeId = gateway.authorize(new ChargeRequest(p.amount(), started.cardToken(), p.id(), p.orderId()));
        } catch (PaymentDeclinedException e) {
            forget(p);
            throw e;
        } catch (RuntimeException e) {
            forget(p);
            throw new BoxOfficeException("The payment gateway failed; nothing was charged: " + e.getMessage(), e);
        }
        return db.inTransaction(h -> recordAuthorization(h, p, chargeId))
                .orElseThrow(() -> new OrderNotPayableException(p.orderId(),
                        "The order was cancelled while paying; the card was not charged"));
    }

    private void forget(Payment p) {
        db.inTransaction(h -> h.createUpdate("DELETE FROM payments WHERE id = :id AND status = :authorizing")
                .bind("id", p.id()).bind("authorizing", PaymentStatus.AUTHORIZING.wireName()).execute());
    }

    /**
     * Records an authorized card. If the replica already knows the order was cancelled, the hold is released
     * instead of announced; otherwise {@code payment:created} goes out and the orders service decides.
     */
    private Optional<Payment> recordAuthorization(Handle h, Payment p, String chargeId) {
        OrderStatus status = loadReplica(h, p.orderId(), db.dialect().forUpdate()).map(OrderReplica::status)
                .orElse(OrderStatus.CREATED);
        String settlement = status == OrderStatus.CANCELLED ? RELEASE : null;
        int recorded = h.createUpdate("UPDATE payments SET status = :status, charge_id = :charge, "
                        + "settlement = :settlement WHERE id = :id AND status = :authorizing")
                .bind("status", PaymentStatus.AUTHORIZED.wireName()).bind("charge", chargeId)
                .bind("settlement", settlement).bind("id", p.id())
                .bind("authorizing", PaymentStatus.AUTHORIZING.wireName()).execute();
        if (recorded == 0) {
            // resumed and recorded meanwhile (the same charge: the gateway's idempotency key): announced once
            return load(h, p.id()).map(Row::payment).filter(done -> done.status() != PaymentStatus.VOIDED);
        }
        if (settlement != null) {
            return Optional.empty();
        }
        db.outbox().append(h, Subject.PAYMENT_CREATED, p.id(), 0, new PaymentCreated(p.id(), p.orderId(), chargeId),
                UUID.randomUUID().toString());
        return load(h, p.id()).map(Row::payment);
    }

    /**
     * Resumes payments a crash interrupted while the gateway was being asked (at start, before any call).
     * The gateway call is repeated with the same idempotency key, so a card is never authorized twice.
     */
    public void recoverInterrupted() {
        List<Row> interrupted = db.read(h -> h.createQuery("SELECT * FROM payments WHERE status = :authorizing")
                .bind("authorizing", PaymentStatus.AUTHORIZING.wireName()).map(PaymentService::mapRow).list());
        interrupted.forEach(this::resume);
    }

    /**
     * How long an authorization may stay halfway (the gateway asked, the answer not recorded) before the settlement
     * duty resumes it: its process died, or lost the database, after claiming the order. A call still running
     * after this long and resumed meanwhile is the same charge (the gateway's idempotency key) and is recorded once.
     */
    static final Duration STALE_AUTHORIZATION = Duration.ofSeconds(15);

    /** Resumes authorizations left halfway for {@link #STALE_AUTHORIZATION}; returns how many it resumed. */
    private int resumeStale() {
        String before = StoredTimes.format(clock.instant().minus(STALE_AUTHORIZATION));
        List<Row> stale = db.read(h -> h.createQuery("SELECT * FROM payments WHERE status = :authorizing "
                        + "AND created_at <= :before ORDER BY created_at LIMIT 16")
                .bind("authorizing", PaymentStatus.AUTHORIZING.wireName()).bind("before", before)
                .map(PaymentService::mapRow).list());
        for (Row row : stale) {
            resume(row);
        }
        return stale.size();
    }

    private void resume(Row row) {
        try {
            authorize(row);
            LOG.info("Resumed interrupted payment {} for order {}", row.payment().id(), row.payment().orderId());
        } catch (BoxOfficeException e) {
            LOG.info("Interrupted payment {} for order {} did not go through: {}", row.payment().id(),
                    row.payment().orderId(), e.getMessage());
        }
    }

    /** A decision of the orders service that the gateway has not been told of yet. */
    private record Settlement(String paymentId, String chargeId, String action) {
    }

    /**
     * Tells the gateway to capture or release what the orders service decided, after resuming authorizations left
     * halfway ({@link #STALE_AUTHORIZATION}); returns how many payments it moved on. Each
     * payment is first claimed with a lease ({@link #SETTLEMENT_LEASE}, on the business clock) in a short
     * transaction of its own, and the gateway is told outside any transaction: of several processes sharing the
     * store one settles it, once, and no row or write lock is held while the processor answers. A holder that
     * dies mid-settlement leaves the lease to run out, and another process takes the payment over (the gateway's
     * capture and release are idempotent for a charge). A gateway that fails gives its lease back at once.
     */
    public int settle() {
        String now = StoredTimes.format(clock.instant());
        List<Settlement> due = db.read(h -> h.createQuery("SELECT id, charge_id, settlement FROM payments "
                        + "WHERE settlement IS NOT NULL AND (settling_until IS NULL OR settling_until <= :now) "
                        + "ORDER BY created_at LIMIT 64")
                .bind("now", now)
                .map((rs, ctx) -> new Settlement(rs.getString("id"), rs.getString("charge_id"),
                        rs.getString("settlement")))
                .list());
        int settled = resumeStale();
        for (Settlement settlement : due) {
            if (claim(settlement)) {
                settleClaimed(settlement);
                settled++;
            }
        }
        if (due.isEmpty() && settled == 0) {
            // none either under another's lease or still authorizing, which time alone could make this loop's
            nothingPending = !db.read(h -> h.createQuery(ANYTHING_TO_SETTLE).mapTo(Boolean.class).one());
        } else {
            nothingPending = false;
        }
        return settled;
    }

    /**
     * Whether the last {@link #settle()} found no payment to settle or resume, now or later: none can become due
     * until an event of the orders service or a buyer's payment writes one, so the loop may wait for a commit of
     * this store rather than poll.
     */
    public boolean nothingPending() {
        return nothingPending;
    }

    /** How long a process may take to tell the gateway before another takes the payment over. */
    static final Duration SETTLEMENT_LEASE = Duration.ofSeconds(10);

    /** Takes the payment's settlement for this process, unless another holds it; whether it did. */
    private boolean claim(Settlement settlement) {
        Instant now = clock.instant();
        return db.inTransaction(h -> h.createUpdate("UPDATE payments SET settling_until = :until WHERE id = :id "
                        + "AND settlement = :action AND (settling_until IS NULL OR settling_until <= :now)")
                .bind("until", StoredTimes.format(now.plus(SETTLEMENT_LEASE)))
                .bind("now", StoredTimes.format(now))
                .bind("id", settlement.paymentId()).bind("action", settlement.action())
                .execute()) == 1;
    }

    private void settleClaimed(Settlement settlement) {
        PaymentStatus outcome;
        try {
            if (CAPTURE.equals(settlement.action())) {
                gateway.capture(settlement.chargeId());
                outcome = PaymentStatus.CAPTURED;
            } else {
                gateway.release(settlement.chargeId());
                outcome = PaymentStatus.VOIDED;
            }
        } catch (RuntimeException e) {
            db.inTransaction(h -> h.createUpdate("UPDATE payments SET settling_until = NULL WHERE id = :id")
                    .bind("id", settlement.paymentId()).execute());
            throw e;
        }
        db.inTransaction(h -> h.createUpdate("UPDATE payments SET status = :status, settlement = NULL, "
                        + "settling_until = NULL WHERE id = :id AND settlement = :action")
                .bind("status", outcome.wireName()).bind("id", settlement.paymentId())
                .bind("action", settlement.action())
                .execute());
    }

    @Override
    public String backlogName() {
        return "payments to settle";
    }

    @Override
    public long backlog() {
        return db.read(h -> h.createQuery("SELECT count(*) FROM payments WHERE settlement IS NOT NULL")
                .mapTo(Long.class).one());
    }

    @Override
    public Optional<Payment> find(String paymentId) {
        Arguments.id("paymentId", paymentId);
        return db.read(h -> load(h, paymentId)).map(Row::payment);
    }

    @Override
    public List<Payment> forOrder(String orderId) {
        Arguments.id("orderId", orderId);
        return db.read(h -> h.createQuery("SELECT * FROM payments WHERE order_id = :o ORDER BY rowid")
                .bind("o", orderId).map(PaymentService::mapRow).list()).stream().map(Row::payment).toList();
    }

    @Override
    public List<Payment> list() {
        return db.read(h -> h.createQuery("SELECT * FROM payments ORDER BY rowid").map(PaymentService::mapRow)
                .list()).stream().map(Row::payment).toList();
    }

    @Override
    public List<Payment> page(String afterId, int limit) {
        Arguments.optionalId("afterId", afterId);
        Arguments.positive("limit", limit);
        return db.read(h -> {
            long after = afterId == null ? 0 : h.createQuery("SELECT rowid FROM payments WHERE id = :id")
                    .bind("id", afterId).mapTo(Long.class).findOne()
                    .orElseThrow(() -> new NotFoundException("payment", afterId, "Payment not found: " + afterId));
            return h.createQuery("SELECT * FROM payments WHERE rowid > :after ORDER BY rowid LIMIT :limit")
                    .bind("after", after).bind("limit", limit).map(PaymentService::mapRow).list();
        }).stream().map(Row::payment).toList();
    }

    @Override
    public Optional<OrderReplica> orderReplica(String orderId) {
        Arguments.id("orderId", orderId);
        return db.read(h -> loadReplica(h, orderId, ""));
    }

    @Override
    public Result handle(Handle h, EventEnvelope event) {
        OrderChange change = OrderChange.of(event).orElseThrow(() -> new IllegalArgumentException(
                "The payments service does not handle " + event.subject()));
        if (!orderVersions.apply(h, change.orderId(), change.version(), change.snapshot(),
                () -> writeOrder(h, change))) {
            return Result.DUPLICATE;
        }
        scheduleSettlement(h, change.orderId(), change.status());
        return Result.APPLIED;
    }

    /** The write of {@link ReplicaVersions#apply}: the whole order when it is created or repaired, else its status. */
    private static int writeOrder(Handle h, OrderChange change) {
        ReplicaVersions.Write condition = ReplicaVersions.Write.of(change.version(), change.snapshot());
        if (condition == ReplicaVersions.Write.NEXT) {
            return h.createUpdate("UPDATE order_replica SET status = :status, version = :version "
                            + "WHERE id = :id AND version = :version - 1")
                    .bind("status", change.status().wireName()).bind("version", change.version())
                    .bind("id", change.orderId()).execute();
        }
        OrderCreated o = change.full();
        return h.createUpdate("INSERT INTO order_replica (id, user_id, price_minor, currency, status, version, "
                        + "expires_at) VALUES (:id, :userId, :price, :currency, :status, :version, :expiresAt) "
                        + (condition == ReplicaVersions.Write.FIRST ? "ON CONFLICT (id) DO NOTHING"
                        : "ON CONFLICT (id) DO UPDATE SET status = excluded.status, version = excluded.version "
                        + "WHERE order_replica.version < excluded.version"))
                .bind("id", o.id()).bind("userId", o.userId())
                .bind("price", o.ticket().price().minorUnits())
                .bind("currency", o.ticket().price().currency().getCurrencyCode())
                .bind("status", change.status().wireName()).bind("version", change.version())
                .bind("expiresAt", StoredTimes.format(o.expiresAt()))
                .execute();
    }

    /**
     * The copy of orders drops an order event delivered again: its write applies only on the version before, and
     * two instances applying one event at once meet at the row ({@link ReplicaVersions#apply}).
     */
    @Override
    public boolean dropsDuplicatesItself(Subject subject) {
        return OrderChange.SUBJECTS.contains(subject);
    }

    /** The orders service has decided: capture the authorized payment of a complete order, release a cancelled one's. */
    private static void scheduleSettlement(Handle h, String orderId, OrderStatus status) {
        String settlement = switch (status) {
            case COMPLETE -> CAPTURE;
            case CANCELLED -> RELEASE;
            default -> null;
        };
        if (settlement != null) {
            h.createUpdate("UPDATE payments SET settlement = :s WHERE order_id = :o AND status = :authorized")
                    .bind("s", settlement).bind("o", orderId)
                    .bind("authorized", PaymentStatus.AUTHORIZED.wireName()).execute();
        }
    }

    /** @param lock {@code ""}, or the dialect's {@code FOR UPDATE} where the transaction changes what it read */
    private static Optional<OrderReplica> loadReplica(Handle h, String orderId, String lock) {
        return h.createQuery("SELECT * FROM order_replica WHERE id = :id" + lock).bind("id", orderId)
                .map((rs, ctx) -> new OrderReplica(rs.getString("id"), rs.getString("user_id"), Rows.money(rs),
                        OrderStatus.fromWireName(rs.getString("status")), rs.getLong("version"),
                        StoredTimes.parse(rs.getString("expires_at"))))
                .findOne();
    }

    private static Optional<Row> byKey(Handle h, String key) {
        return h.createQuery("SELECT * FROM payments WHERE idempotency_key = :k").bind("k", key)
                .map(PaymentService::mapRow).findOne();
    }

    private static Optional<Row> load(Handle h, String paymentId) {
        return h.createQuery("SELECT * FROM payments WHERE id = :id").bind("id", paymentId)
                .map(PaymentService::mapRow).findOne();
    }

    private static Row mapRow(ResultSet rs, StatementContext ctx) throws SQLException {
        Payment p = new Payment(rs.getString("id"), rs.getString("order_id"), rs.getString("user_id"),
                Rows.money(rs), rs.getString("charge_id"), PaymentStatus.fromWireName(rs.getString("status")),
                StoredTimes.parse(rs.getString("created_at")));
        return new Row(p, rs.getString("card_token"), rs.getString("idempotency_key"));
    }
}
