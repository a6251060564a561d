package dev.boxoffice.engine.internal.cluster;

import dev.boxoffice.engine.NodeIdInUseException;
import dev.boxoffice.engine.cluster.NodeStatus;
import dev.boxoffice.engine.internal.storage.Dialect;
import dev.boxoffice.engine.replication.ReplicaCounters;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;

/**
 * The nodes sharing the stores ({@code nodes}, {@code replica_reports}): each node registers its id for its run,
 * then reports its consumer instances' counters with every round, so that any node can show every node. A node
 * that has not reported for {@code staleAfter} is taken for gone: no longer live, and its id free for another run.
 *
 * <p>Where the store has one process (SQLite, whose data directory an engine locks) the registered run is always
 * this one: a run that died a moment ago cannot still be running.
 */
public final class NodeRegistry {

    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(NodeRegistry.class);

    private final Jdbi jdbi;
    private final Dialect dialect;
    private final String nodeId;
    private final String runId;
    private final long staleAfterMillis;

    public NodeRegistry(Jdbi jdbi, Dialect dialect, String nodeId, String runId, Duration staleAfter) {
        this.jdbi = jdbi;
        this.dialect = dialect;
        this.nodeId = nodeId;
        this.runId = runId;
        this.staleAfterMillis = staleAfter.toMillis();
    }

    /**
     * Takes the node id for this run. A run with the same id that still reports is waited for, up to
     * {@code staleAfter} and a little more (it may be one that just died); if it keeps reporting, it is running.
     *
     * @throws NodeIdInUseException if another running node has this id
     */
    public void register() {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(staleAfterMillis * 3 / 2);
        boolean told = false;
        while (!claim()) {
            if (!told) {
                LOG.info("{}: another run of this node id reported within the last {} ms; waiting for it to go "
                        + "quiet (a node that just died), or refusing to start if it keeps reporting", nodeId,
                        staleAfterMillis);
                told = true;
            }
            if (System.nanoTime() - deadline > 0) {
                long ago = jdbi.withHandle(h -> h.createQuery("SELECT " + dialect.nowMillis()
                                + " - last_seen_ms FROM nodes WHERE node_id = :node")
                        .bind("node", nodeId).mapTo(Long.class).findOne()).orElse(0L);
                throw new NodeIdInUseException(nodeId, Duration.ofMillis(Math.max(0, ago)));
            }
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(Math.max(10, staleAfterMillis / 10)));
        }
    }

    private boolean claim() {
        return jdbi.withHandle(h -> h.createUpdate(("INSERT INTO nodes (node_id, run_id, started_at_ms, "
                        + "last_seen_ms, stopped_at_ms) VALUES (:node, :run, NOW, NOW, NULL) "
                        + "ON CONFLICT (node_id) DO UPDATE SET run_id = excluded.run_id, "
                        + "started_at_ms = excluded.started_at_ms, last_seen_ms = excluded.last_seen_ms, "
                        + "stopped_at_ms = NULL "
                        + "WHERE nodes.run_id = excluded.run_id OR nodes.stopped_at_ms IS NOT NULL "
                        + "OR nodes.last_seen_ms < excluded.last_seen_ms - :stale OR :oneProcess")
                        .replace("NOW", dialect.nowMillis()))
                .bind("node", nodeId).bind("run", runId).bind("stale", staleAfterMillis)
                .bind("oneProcess", dialect.singleWriter())
                .execute()) == 1;
    }

    /** Records that this run is alive, with its instances' counters. */
    public void report(List<ReplicaCounters> replicas) {
        jdbi.useTransaction(h -> {
            h.createUpdate("UPDATE nodes SET last_seen_ms = " + dialect.nowMillis() + " WHERE node_id = :node "
                            + "AND run_id = :run")
                    .bind("node", nodeId).bind("run", runId).execute();
            for (ReplicaCounters r : replicas) {
                h.createUpdate("INSERT INTO replica_reports (node_id, instance_id, consumer_group, delivered, applied, "
                                + "duplicates, out_of_order, redelivered, dead_lettered, gap_repairs) VALUES (:node, "
                                + ":id, :group, :delivered, :applied, :duplicates, :refused, :redelivered, :dead, :gaps) "
                                + "ON CONFLICT (node_id, instance_id) DO UPDATE SET delivered = excluded.delivered, "
                                + "applied = excluded.applied, duplicates = excluded.duplicates, "
                                + "out_of_order = excluded.out_of_order, redelivered = excluded.redelivered, "
                                + "dead_lettered = excluded.dead_lettered, gap_repairs = excluded.gap_repairs")
                        .bind("node", nodeId).bind("id", r.id()).bind("group", r.group())
                        .bind("delivered", r.delivered()).bind("applied", r.applied())
                        .bind("duplicates", r.duplicates()).bind("refused", r.outOfOrderRefused())
                        .bind("redelivered", r.redelivered()).bind("dead", r.deadLettered())
                        .bind("gaps", r.gapRepairs())
                        .execute();
            }
        });
    }

    /** Records that this run closed, so that it is shown stopped rather than silent. */
    public void stopped() {
        jdbi.useHandle(h -> h.createUpdate("UPDATE nodes SET stopped_at_ms = " + dialect.nowMillis()
                        + " WHERE node_id = :node AND run_id = :run")
                .bind("node", nodeId).bind("run", runId).execute());
    }

    private record NodeRow(String nodeId, long startedAt, long lastSeen, Long stoppedAt, long now) {
    }

    /**
     * Every registered node: this one with {@code own} counters and {@code ownDuties}, the others as they last
     * reported, with the duties whose lease they hold.
     */
    public List<NodeStatus> list(List<ReplicaCounters> own, List<String> ownDuties) {
        return jdbi.withHandle(h -> {
            List<NodeRow> rows = h.createQuery("SELECT node_id, started_at_ms, last_seen_ms, stopped_at_ms, "
                            + dialect.nowMillis() + " AS now_ms FROM nodes")
                    .map((rs, ctx) -> new NodeRow(rs.getString("node_id"), rs.getLong("started_at_ms"),
                            rs.getLong("last_seen_ms"), stoppedAt(rs), rs.getLong("now_ms")))
                    .list();
            Map<String, List<ReplicaCounters>> replicas = reported(h);
            Map<String, List<String>> duties = new HashMap<>();
            h.createQuery("SELECT node_id, name FROM leases WHERE expires_at_ms > " + dialect.nowMillis()
                            + " ORDER BY name")
                    .map((rs, ctx) -> Map.entry(rs.getString("node_id"), rs.getString("name")))
                    .forEach(e -> duties.computeIfAbsent(e.getKey(), k -> new ArrayList<>()).add(e.getValue()));
            List<NodeStatus> nodes = new ArrayList<>();
            for (NodeRow row : rows) {
                boolean self = row.nodeId().equals(nodeId);
                boolean live = self || (row.stoppedAt() == null && row.now() - row.lastSeen() <= staleAfterMillis);
                nodes.add(new NodeStatus(row.nodeId(), Instant.ofEpochMilli(row.startedAt()),
                        Instant.ofEpochMilli(self ? row.now() : row.lastSeen()),
                        row.stoppedAt() == null ? null : Instant.ofEpochMilli(row.stoppedAt()), live,
                        self ? ownDuties : duties.getOrDefault(row.nodeId(), List.of()),
                        self ? own : replicas.getOrDefault(row.nodeId(), List.of())));
            }
            nodes.sort(Comparator.comparing((NodeStatus n) -> !n.nodeId().equals(nodeId))
                    .thenComparing(NodeStatus::nodeId));
            return nodes;
        });
    }

    /** The counters the other nodes that have not stopped last reported. */
    public List<ReplicaCounters> othersReplicas() {
        return jdbi.withHandle(h -> h.createQuery("SELECT r.* FROM replica_reports r JOIN nodes n "
                        + "ON n.node_id = r.node_id WHERE n.stopped_at_ms IS NULL AND r.node_id <> :node "
                        + "ORDER BY r.node_id, r.instance_id")
                .bind("node", nodeId)
                .map((rs, ctx) -> counters(rs))
                .list());
    }

    /** Whether a run of some node is live: this run always, another while it reports. */
    public boolean isLive(String run) {
        if (run.equals(runId)) {
            return true;
        }
        Optional<Boolean> live = jdbi.withHandle(h -> h.createQuery("SELECT stopped_at_ms IS NULL AND "
                        + dialect.nowMillis() + " - last_seen_ms <= :stale AND NOT :oneProcess FROM nodes "
                        + "WHERE run_id = :run")
                .bind("run", run).bind("stale", staleAfterMillis).bind("oneProcess", dialect.singleWriter())
                .mapTo(Boolean.class).findOne());
        return live.orElse(false);
    }

    private static Long stoppedAt(java.sql.ResultSet rs) throws java.sql.SQLException {
        long at = rs.getLong("stopped_at_ms");
        return rs.wasNull() ? null : at;
    }

    private static Map<String, List<ReplicaCounters>> reported(Handle h) {
        Map<String, List<ReplicaCounters>> byNode = new HashMap<>();
        h.createQuery("SELECT * FROM replica_reports ORDER BY node_id, instance_id")
                .map((rs, ctx) -> counters(rs))
                .forEach(r -> byNode.computeIfAbsent(r.node(), k -> new ArrayList<>()).add(r));
        return byNode;
    }

    private static ReplicaCounters counters(java.sql.ResultSet rs) throws java.sql.SQLException {
        return new ReplicaCounters(rs.getString("instance_id"), rs.getString("consumer_group"),
                rs.getString("node_id"), rs.getLong("delivered"), rs.getLong("applied"), rs.getLong("duplicates"),
                rs.getLong("out_of_order"), rs.getLong("redelivered"), rs.getLong("dead_lettered"),
                rs.getLong("gap_repairs"));
    }
}
