package dev.boxoffice.simulator;

import dev.boxoffice.engine.BoxOfficeBuilder;
import dev.boxoffice.engine.nats.JetStreamTransport;
import java.util.UUID;

/**
 * Where a simulation's events travel: the engine's own log (the default), or a NATS JetStream server, on a stream
 * of the simulation's own that is deleted when it ends, so that runs never see each other's events.
 */
final class EventTransport {

    private final JetStreamTransport.Settings nats;
    private boolean connected;

    private EventTransport(JetStreamTransport.Settings nats) {
        this.nats = nats;
    }

    /** The engine's embedded log, or JetStream at {@code natsUrl} when it is given. */
    static EventTransport of(String natsUrl) {
        if (natsUrl == null) {
            return new EventTransport(null);
        }
        String run = UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        return new EventTransport(JetStreamTransport.Settings.of(natsUrl)
                .withStream("BOXOFFICE_SIMULATION_" + run, "boxoffice-simulation-" + run));
    }

    /** Puts the engine's events on this transport (connecting to the broker now, if it is JetStream). */
    BoxOfficeBuilder configure(BoxOfficeBuilder builder) {
        if (nats == null) {
            return builder;
        }
        builder.transport(JetStreamTransport.connect(nats));
        connected = true;
        return builder;
    }

    /** The transport in words, for the summary and the report. */
    String describe() {
        return nats == null ? "the engine's own log" : "NATS JetStream at " + nats.url()
                + " (no entity affinity: the replicas race)";
    }

    /** Deletes the simulation's stream, if it made one; a broker gone by then keeps it (nothing else uses it). */
    void cleanUp() {
        if (connected) {
            try {
                JetStreamTransport.deleteStream(nats);
            } catch (RuntimeException e) {
                // the run's outcome matters more than its leftover stream
            }
        }
    }
}
