package dev.boxoffice.engine.replication;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.boxoffice.engine.support.SeededTest;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class VersionedReplicaTest {

    @Test
    void shouldApplyOnlyTheNextVersion() {
        assertThat(VersionedReplica.decide(VersionedReplica.UNKNOWN, 0)).isEqualTo(ReplicaDecision.APPLY);
        assertThat(VersionedReplica.decide(3, 4)).isEqualTo(ReplicaDecision.APPLY);
        assertThat(VersionedReplica.decide(3, 3)).isEqualTo(ReplicaDecision.DUPLICATE);
        assertThat(VersionedReplica.decide(3, 1)).isEqualTo(ReplicaDecision.DUPLICATE);
        assertThat(VersionedReplica.decide(3, 5)).isEqualTo(ReplicaDecision.OUT_OF_ORDER);
        assertThat(VersionedReplica.decide(VersionedReplica.UNKNOWN, 1)).isEqualTo(ReplicaDecision.OUT_OF_ORDER);
    }

    @Test
    void shouldRefuseAFutureVersionWithTheExpectedAndActualVersions() {
        assertThatThrownBy(() -> VersionedReplica.shouldApply("ticket", "t1", 1, 4))
                .isInstanceOfSatisfying(OutOfOrderEventException.class, e -> {
                    assertThat(e.expectedVersion()).isEqualTo(2);
                    assertThat(e.actualVersion()).isEqualTo(4);
                    assertThat(e.knownVersion()).isEqualTo(1);
                    assertThat(e.id()).isEqualTo("t1");
                })
                .hasMessage("Out of order: ticket t1 expected version 2 but got 4");
    }

    /**
     * Redelivering refused events until none is left, in any arrival order and with duplicates, always ends at
     * the last version, having applied every version exactly once and in order.
     */
    @SeededTest(300)
    void shouldConvergeInOrderWhateverTheArrivalOrder(long seed) {
        int versions = new SplittableRandom(seed).nextInt(1, 41);
        Random random = new Random(seed);
        List<Long> inbox = new ArrayList<>();
        for (long v = 0; v < versions; v++) {
            inbox.add(v);
            if (random.nextInt(4) == 0) {
                inbox.add(v);
            }
        }
        Collections.shuffle(inbox, random);
        long stored = VersionedReplica.UNKNOWN;
        List<Long> applied = new ArrayList<>();
        while (!inbox.isEmpty()) {
            long event = inbox.remove(0);
            switch (VersionedReplica.decide(stored, event)) {
                case APPLY -> {
                    stored = event;
                    applied.add(event);
                }
                case DUPLICATE -> { }
                case OUT_OF_ORDER -> inbox.add(random.nextInt(inbox.size() + 1), event);
            }
        }
        assertThat(stored).isEqualTo(versions - 1);
        assertThat(applied).isSorted().hasSize(versions).doesNotHaveDuplicates();
    }
}
