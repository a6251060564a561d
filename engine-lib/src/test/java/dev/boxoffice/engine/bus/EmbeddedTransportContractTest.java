package dev.boxoffice.engine.bus;

import dev.boxoffice.engine.internal.messaging.EmbeddedTransport;
import dev.boxoffice.engine.internal.storage.Durability;
import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;

/** The transport contract on the embedded SQLite log. */
class EmbeddedTransportContractTest extends TransportContract {

    @TempDir
    Path dir;

    @Override
    protected Transport open() {
        return EmbeddedTransport.open(dir, Durability.NORMAL, Ticker.system(), ACK_WAIT);
    }
}
