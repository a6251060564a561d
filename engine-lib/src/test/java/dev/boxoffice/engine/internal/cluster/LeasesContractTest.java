package dev.boxoffice.engine.internal.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.boxoffice.engine.NodeIdInUseException;
import dev.boxoffice.engine.bus.Ticker;
import dev.boxoffice.engine.internal.storage.Dialect;
import dev.boxoffice.engine.internal.storage.SqliteFiles;
import dev.boxoffice.engine.replication.ReplicaCounters;
import dev.boxoffice.engine.store.Store;
import dev.boxoffice.engine.support.Await;
import dev.boxoffice.engine.support.Stores;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.io.TempDir;

/**
 * The leases and the node registry of the cluster store, run unchanged on each dialect: two nodes contend on one
 * store, as two processes would (on SQLite, two in one process stand for them: the leases do not care which).
 */
@ParameterizedClass
@MethodSource("dev.boxoffice.engine.support.Stores#underTest")
class LeasesContractTest {

    private static final Duration TTL = Duration.ofMillis(400);
    private static final Duration WAIT = Duration.ofSeconds(10);

    @Parameter
    Stores stores;

    @TempDir
    Path dir;

    private Store store;
    private Jdbi jdbi;
    private Dialect dialect;

    @BeforeEach
    void open() {
        store = stores.storage(dir).open("cluster", 2, "cluster");
        jdbi = SqliteFiles.jdbi(store.dataSource());
        dialect = Dialect.of(store.dataSource());
    }

    @AfterEach
    void close() {
        store.close();
    }

    private Leases node(String id) {
        return new Leases(jdbi, dialect, id, id + "-run", TTL, Ticker.system());
    }

    @Test
    void shouldGiveADutyToOneNodeAtATime_andKeepItWithItsHolderWhileItRenews() {
        Leases a = node("a");
        Leases b = node("b");
        Duty ofA = a.duty("relay:orders");
        Duty ofB = b.duty("relay:orders");

        round(a);
        round(b);
        long token = ofA.token();

        assertThat(ofA.held()).isTrue();
        assertThat(ofB.held()).isFalse();
        for (int i = 0; i < 5; i++) {
            round(a);
            round(b);
            assertThat(ofA.token()).isEqualTo(token);
            assertThat(ofB.held()).isFalse();
        }
        assertThat(a.held()).containsExactly("relay:orders");
        assertThat(b.held()).isEmpty();
    }

    @Test
    void shouldHandADutyOverAtOnce_whenItsHolderLetsGo() {
        Leases a = node("a");
        Leases b = node("b");
        Duty ofA = a.duty("expiration-timers");
        Duty ofB = b.duty("expiration-timers");
        round(a);
        long first = ofA.token();

        a.releaseAll();
        round(b);

        assertThat(ofA.held()).isFalse();
        assertThat(ofB.held()).isTrue();
        assertThat(ofB.token()).isGreaterThan(first);
    }

    @Test
    void shouldLetAnotherNodeTakeADuty_onlyOnceItsSilentHolderWouldHaveStoppedTrustingIt() {
        Leases a = node("a");
        Leases b = node("b");
        Duty ofA = a.duty("payment-settlement");
        Duty ofB = b.duty("payment-settlement");
        int[] taken = new int[1];
        ofB.onAcquired(() -> taken[0]++);
        round(a);
        round(b);
        assertThat(ofB.held()).isFalse();

        // a stops renewing, as a killed node would; b keeps trying
        Await.until("b takes the duty", WAIT, () -> {
            round(b);
            return ofB.held();
        });

        assertThat(ofA.held()).as("the silent holder stopped trusting its lease before b got it").isFalse();
        assertThat(taken[0]).isEqualTo(1);
        long heldFor = jdbi.withHandle(h -> h.createQuery("SELECT acquired_at_ms FROM leases WHERE name = :n")
                .bind("n", "payment-settlement").mapTo(Long.class).one());
        assertThat(heldFor).isPositive();
        // and a, back to life, does not get it back while b renews
        round(a);
        assertThat(ofA.held()).isFalse();
        assertThat(ofB.held()).isTrue();
    }

    @Test
    void shouldLetADutyGo_whenTheLoopOfItsHolderStandsStill() {
        Leases a = node("a");
        Leases b = node("b");
        Duty ofA = a.duty("payment-settlement");
        Duty ofB = b.duty("payment-settlement");
        round(a);
        assertThat(ofA.held()).isTrue();

        // a's node keeps its rounds going, but the loop doing the duty no longer turns (a call that hangs)
        Await.until("b takes the duty", WAIT, () -> {
            a.round();
            round(b);
            return ofB.held();
        });

        assertThat(ofA.held()).isFalse();
    }

    @Test
    void shouldShowEveryNodeWithItsReplicasAndDuties() {
        NodeRegistry one = registry("node-1", "run-1");
        NodeRegistry two = registry("node-2", "run-2");
        one.register();
        two.register();
        Leases leasesOfTwo = new Leases(jdbi, dialect, "node-2", "run-2", TTL, Ticker.system());
        leasesOfTwo.duty("relay:tickets");
        round(leasesOfTwo);
        two.report(List.of(new ReplicaCounters("orders@node-2#1", "orders", "node-2", 5, 4, 1, 2, 1, 0, 0)));

        var nodes = one.list(List.of(), List.of());

        assertThat(nodes).extracting(n -> n.nodeId()).containsExactly("node-1", "node-2");
        var other = nodes.get(1);
        assertThat(other.live()).isTrue();
        assertThat(other.duties()).containsExactly("relay:tickets");
        assertThat(other.replicas()).singleElement().satisfies(r -> {
            assertThat(r.id()).isEqualTo("orders@node-2#1");
            assertThat(r.outOfOrderRefused()).isEqualTo(2);
        });
        assertThat(one.othersReplicas()).extracting(ReplicaCounters::id).containsExactly("orders@node-2#1");

        two.stopped();
        assertThat(one.list(List.of(), List.of()).get(1).live()).isFalse();
        assertThat(one.othersReplicas()).isEmpty();
    }

    @Test
    void shouldRefuseANodeIdThatARunningNodeHas_whereSeveralProcessesShareTheStore() {
        NodeRegistry running = registry("node-1", "run-1");
        running.register();
        NodeRegistry second = registry("node-1", "run-2");

        if (dialect.singleWriter()) {
            // one process per store (the data directory's lock): the run before this one is over
            second.register();
            assertThat(second.isLive("run-1")).isFalse();
            return;
        }
        // the running node keeps reporting while the second one waits for it to go quiet
        Thread reporter = new Thread(() -> {
            while (!Thread.currentThread().isInterrupted()) {
                running.report(List.of());
                java.util.concurrent.locks.LockSupport.parkNanos(TTL.toNanos() / 5);
            }
        });
        reporter.start();
        try {
            assertThatThrownBy(second::register).isInstanceOf(NodeIdInUseException.class)
                    .hasMessageContaining("'node-1' is in use by a running node");
            assertThat(second.isLive("run-1")).isTrue();
        } finally {
            reporter.interrupt();
        }
        // once it stops, its id is free at once
        running.stopped();
        second.register();
        assertThat(second.isLive("run-1")).isFalse();
    }

    @Test
    void shouldFreeTheIdOfANodeThatStoppedReporting() {
        registry("node-1", "run-1").register();
        NodeRegistry next = registry("node-1", "run-2");

        // the first run reports no more (killed): after the stale time the id is the second's
        next.register();

        assertThat(next.isLive("run-2")).isTrue();
        assertThat(next.isLive("run-1")).isFalse();
    }

    /** A round of a node whose duty loops turn (as they do while the node's workers run). */
    private static void round(Leases node) {
        node.starting();
        node.round();
    }

    private NodeRegistry registry(String node, String run) {
        return new NodeRegistry(jdbi, dialect, node, run, TTL);
    }
}
