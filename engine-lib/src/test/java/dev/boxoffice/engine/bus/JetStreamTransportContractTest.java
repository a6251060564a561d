package dev.boxoffice.engine.bus;

import dev.boxoffice.engine.nats.JetStreamTransport;
import dev.boxoffice.engine.support.NatsServer;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The transport contract on NATS JetStream: a real nats-server, a stream of its own for each test. */
class JetStreamTransportContractTest extends TransportContract {

    @RegisterExtension
    static final NatsServer.PerClass BROKER = new NatsServer.PerClass();
    private static final AtomicInteger STREAMS = new AtomicInteger();
    private String stream;

    @BeforeEach
    void newStream() {
        stream = "T" + STREAMS.incrementAndGet();
    }

    @Override
    protected Transport open() {
        return JetStreamTransport.connect(JetStreamTransport.Settings.of(BROKER.url())
                .withStream(stream, stream.toLowerCase(java.util.Locale.ROOT)).withAckWait(ACK_WAIT));
    }
}
