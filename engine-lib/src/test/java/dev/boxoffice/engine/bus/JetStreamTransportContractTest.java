package dev.boxoffice.engine.bus;

import dev.boxoffice.engine.nats.JetStreamTransport;
import dev.boxoffice.engine.support.NatsServer;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;

/** The transport contract on NATS JetStream: a real nats-server, a stream of its own for each test. */
class JetStreamTransportContractTest extends TransportContract {

    private static final AtomicInteger STREAMS = new AtomicInteger();
    private static NatsServer broker;
    private String stream;

    @BeforeAll
    static void startBroker() {
        broker = NatsServer.start();
    }

    @AfterAll
    static void stopBroker() throws InterruptedException {
        if (broker != null) {
            broker.close();
        }
    }

    @BeforeEach
    void newStream() {
        stream = "T" + STREAMS.incrementAndGet();
    }

    @Override
    protected Transport open() {
        return JetStreamTransport.connect(JetStreamTransport.Settings.of(broker.url())
                .withStream(stream, stream.toLowerCase(java.util.Locale.ROOT)).withAckWait(ACK_WAIT));
    }
}
