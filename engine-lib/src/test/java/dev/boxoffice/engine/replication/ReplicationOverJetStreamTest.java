package dev.boxoffice.engine.replication;

import static org.assertj.core.api.Assertions.assertThat;

import dev.boxoffice.engine.nats.JetStreamTransport;
import dev.boxoffice.engine.support.NatsServer;
import dev.boxoffice.engine.support.SeededTest;
import dev.boxoffice.engine.support.Seeds;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * {@link ReplicationUnderFaultsTest}'s property, unchanged, with the events on a real nats-server: a stream of
 * each try's own, duplicates, shuffles and delays injected above the broker.
 */
class ReplicationOverJetStreamTest {

    @RegisterExtension
    static final NatsServer.PerClass BROKER = new NatsServer.PerClass();

    private static final AtomicLong DUPLICATES_INJECTED = new AtomicLong();

    @AfterAll
    static void faultsWereExercised() {
        if (!Seeds.replayingOne()) {
            assertThat(DUPLICATES_INJECTED.get()).as("duplicates injected over all tries").isPositive();
        }
    }

    @SeededTest(3)
    void shouldConvergeToTheOwnersState_whateverTheFaults_overJetStream(long seed) {
        JetStreamTransport.Settings stream = JetStreamTransport.Settings.of(BROKER.url())
                .withStream("FAULTS_" + seed, "faults-" + seed);
        try {
            ReplicationUnderFaultsTest.Tally tally = ReplicationUnderFaultsTest.convergesWhateverTheFaults(seed,
                    builder -> builder.transport(JetStreamTransport.connect(stream)));
            DUPLICATES_INJECTED.addAndGet(tally.duplicatesInjected());
        } finally {
            JetStreamTransport.deleteStream(stream);
        }
    }
}
