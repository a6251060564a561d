package dev.boxoffice.engine.internal.cluster;

import dev.boxoffice.engine.bus.Ticker;
import dev.boxoffice.engine.internal.storage.Dialect;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.jdbi.v3.core.Jdbi;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The leases of the duties one node does at a time, in the {@code leases} table every node shares. Each
 * {@link #round()} (once every {@code ttl / 5}) renews the leases this node holds and takes those whose lease ran
 * out; a lease runs for {@code ttl} from its last renewal, measured by the database's clock, so the nodes need not
 * agree on the time. A node that dies (kill -9) stops renewing: another takes its duties at most
 * {@code ttl + ttl / 5} after its last renewal. A node that closes lets go at once. A node whose loop doing a
 * duty stands still for {@code ttl} (a call that hangs) stops renewing that duty, so that it goes over within
 * {@code 2 ttl + ttl / 5}.
 *
 * <p>A holder trusts its lease until {@code ttl - ttl / 10} after it <em>sent</em> the renewal that granted it
 * (by its own monotonic ticker), so it stops before the lease can have run out in the database, unless its process
 * stood still for longer than the margin (a long pause) or the database's clock jumped. The duties are built so
 * that even then nothing is lost or done twice: a relay's cursor only moves forward and the transport and the
 * consumers drop repeated events; timers and settlements are claimed row by row.
 */
public final class Leases {

    private static final Logger LOG = LoggerFactory.getLogger(Leases.class);

    private final Jdbi jdbi;
    private final Dialect dialect;
    private final String nodeId;
    /** This run of the node: a restarted node is another holder, and takes its duties over like any other. */
    private final String holder;
    private final long ttlMillis;
    private final Ticker ticker;
    private final Map<String, Duty> duties = new ConcurrentHashMap<>();
    /** {@link #TAKE_OR_RENEW} in this store's dialect. */
    private final String takeOrRenew;

    public Leases(Jdbi jdbi, Dialect dialect, String nodeId, String runId, Duration ttl, Ticker ticker) {
        this.jdbi = jdbi;
        this.dialect = dialect;
        this.nodeId = nodeId;
        this.holder = nodeId + "/" + runId;
        this.ttlMillis = ttl.toMillis();
        this.ticker = ticker;
        this.takeOrRenew = TAKE_OR_RENEW.replace("NOW", dialect.nowMillis());
    }

    /** The duty of this name, contended for from the next round on. */
    public Duty duty(String name) {
        return duties.computeIfAbsent(name, n -> new Duty(n, ticker));
    }

    /** How often {@link #round()} should run. */
    public Duration renewInterval() {
        return Duration.ofMillis(Math.max(1, ttlMillis / 5));
    }

    /**
     * Renews the held leases and takes those that ran out, in one transaction (one commit a round, however many
     * duties). A failure leaves each duty held until its local deadline.
     */
    public void round() {
        long ttlNanos = Duration.ofMillis(ttlMillis).toNanos();
        List<Duty> contended = new java.util.ArrayList<>();
        for (Duty duty : duties.values()) {
            if (duty.stalled(ttlNanos)) {
                // its lease runs out in the database by itself; the loop finds the duty gone when it turns again,
                // and this node contends for it again from then on
                if (duty.held()) {
                    LOG.warn("{}: the {} loop has not turned for {} ms: letting the duty go to another node",
                            nodeId, duty.name(), ttlMillis);
                }
                duty.lost();
            } else {
                contended.add(duty);
            }
        }
        if (contended.isEmpty()) {
            return;
        }
        long sent = ticker.read();
        Map<String, Optional<Long>> tokens = jdbi.inTransaction(h -> {
            Map<String, Optional<Long>> granted = new java.util.HashMap<>();
            for (Duty duty : contended) {
                granted.put(duty.name(), h.createQuery(takeOrRenew)
                        .bind("name", duty.name())
                        .bind("holder", holder)
                        .bind("node", nodeId)
                        .bind("ttl", ttlMillis)
                        .mapTo(Long.class)
                        .findOne());
            }
            return granted;
        });
        long until = sent + Duration.ofMillis(ttlMillis - ttlMillis / 10).toNanos();
        for (Duty duty : contended) {
            Optional<Long> token = tokens.get(duty.name());
            if (token.isPresent()) {
                boolean was = duty.held();
                duty.granted(token.get(), until);
                if (!was) {
                    LOG.info("{}: took the {} duty (lease {})", nodeId, duty.name(), token.get());
                }
            } else {
                if (duty.held()) {
                    LOG.warn("{}: lost the {} duty to another node", nodeId, duty.name());
                }
                duty.lost();
            }
        }
    }

    /** Inserts the lease, or renews it for its holder, or takes it over when it ran out; the token if held. */
    private static final String TAKE_OR_RENEW = "INSERT INTO leases (name, holder, node_id, token, acquired_at_ms, "
            + "renewed_at_ms, expires_at_ms) VALUES (:name, :holder, :node, 1, NOW, NOW, NOW + :ttl) "
            + "ON CONFLICT (name) DO UPDATE SET "
            + "token = CASE WHEN leases.holder = excluded.holder THEN leases.token ELSE leases.token + 1 END, "
            + "acquired_at_ms = CASE WHEN leases.holder = excluded.holder THEN leases.acquired_at_ms "
            + "ELSE excluded.acquired_at_ms END, "
            + "holder = excluded.holder, node_id = excluded.node_id, renewed_at_ms = excluded.renewed_at_ms, "
            + "expires_at_ms = excluded.expires_at_ms "
            + "WHERE leases.holder = excluded.holder OR leases.expires_at_ms <= excluded.renewed_at_ms "
            + "RETURNING token";

    /** Counts every duty's loop as turning now: they are about to start. */
    public void starting() {
        duties.values().forEach(Duty::turned);
    }

    /** Lets go of every held lease, so that other nodes take the duties at their next round. */
    public void releaseAll() {
        for (Duty duty : duties.values()) {
            duty.lost();
        }
        jdbi.useHandle(h -> h.createUpdate("UPDATE leases SET expires_at_ms = " + dialect.nowMillis() + " - 1 "
                        + "WHERE holder = :holder")
                .bind("holder", holder)
                .execute());
    }

    /** The names of the duties this node holds now. */
    public List<String> held() {
        return duties.values().stream().filter(Duty::held).map(Duty::name).sorted().toList();
    }
}
