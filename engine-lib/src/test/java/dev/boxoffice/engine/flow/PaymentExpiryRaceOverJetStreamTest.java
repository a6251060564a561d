package dev.boxoffice.engine.flow;

import dev.boxoffice.engine.nats.JetStreamTransport;
import dev.boxoffice.engine.support.NatsServer;
import dev.boxoffice.engine.support.SeededTest;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * {@link PaymentExpiryRaceTest}'s property, unchanged, with the events on a real nats-server (a stream of each
 * try's own): payment, cancel and expiry race, and exactly one fate wins.
 */
class PaymentExpiryRaceOverJetStreamTest {

    @RegisterExtension
    static final NatsServer.PerClass BROKER = new NatsServer.PerClass();

    @SeededTest(3)
    void shouldLetExactlyOneFateWin_overJetStream(long seed) {
        JetStreamTransport.Settings stream = JetStreamTransport.Settings.of(BROKER.url())
                .withStream("RACE_" + seed, "race-" + seed);
        try {
            PaymentExpiryRaceTest.exactlyOneFateWins(seed,
                    builder -> builder.transport(JetStreamTransport.connect(stream)));
        } finally {
            JetStreamTransport.deleteStream(stream);
        }
    }
}
