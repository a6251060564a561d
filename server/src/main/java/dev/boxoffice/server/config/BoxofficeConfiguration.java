package dev.boxoffice.server.config;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.core.bind.annotation.Bindable;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * The server's settings, under {@code boxoffice.*} (environment variables map onto them, e.g.
 * {@code BOXOFFICE_DATA_DIR}).
 *
 * @param dataDir        where the engine's and the server's SQLite files live
 * @param expiryWindow   how long an unpaid order holds its ticket, e.g. {@code 15m} or {@code 2s}
 * @param orderReplicas  competing order-service instances in the engine
 * @param entityAffinity whether one ticket's events go to one order replica at a time (the default); false lets the
 *                       replicas race, so that the console shows out-of-order events being refused
 * @param jwtSecret      the token signing secret (at least 32 characters); generated once into the data
 *                       directory when not set
 * @param allowedOrigins the browser origins (e.g. {@code http://localhost:3000}) allowed to call the API across
 *                       origins, with the session cookie; none when not set
 * @param streamHeartbeat how often the operator event stream sends a heartbeat comment while quiet
 * @param fetchBatch     deliveries a consumer instance takes at once (1 to 1024); with 1 and entity affinity off,
 *                       the order replicas race for each event, as the live demonstration of refusals needs
 * @param natsUrl        a NATS JetStream broker for the events (e.g. {@code nats://127.0.0.1:4222}) instead of
 *                       the embedded log in {@code bus.db}; none when not set
 * @param outboxRetention how long each service keeps a published event, to republish it if the broker lost it
 * @param processedEventRetention how long each consumer group remembers an event it handled, to drop a repeat unread
 * @param logRetention   how long the embedded log keeps an event every consumer group acknowledged
 * @param nodeId         this server's name among the servers sharing one database (a cluster): in its consumer
 *                       instances' names ({@code orders@node-2#1}), its log lines and the operator API; the host's
 *                       name when not set
 */
@ConfigurationProperties("boxoffice")
public record BoxofficeConfiguration(
        @Bindable(defaultValue = "./data") Path dataDir,
        @Bindable(defaultValue = "15m") Duration expiryWindow,
        @Bindable(defaultValue = "2") int orderReplicas,
        @Bindable(defaultValue = "true") boolean entityAffinity,
        @Nullable String jwtSecret,
        @Nullable List<String> allowedOrigins,
        @Bindable(defaultValue = "5s") Duration streamHeartbeat,
        @Bindable(defaultValue = "64") int fetchBatch,
        @Nullable String natsUrl,
        @Bindable(defaultValue = "7d") Duration outboxRetention,
        @Bindable(defaultValue = "7d") Duration processedEventRetention,
        @Bindable(defaultValue = "7d") Duration logRetention,
        @Nullable String nodeId) {

    /** The node id: {@code boxoffice.node-id}, or the host's name (made a valid id), or {@code node-1}. */
    public String nodeIdOrHostName() {
        if (nodeId != null && !nodeId.isBlank()) {
            return nodeId.strip();
        }
        String host;
        try {
            host = java.net.InetAddress.getLocalHost().getHostName();
        } catch (java.io.IOException e) {
            host = "";
        }
        String id = host.split("\\.")[0].replaceAll("[^A-Za-z0-9._-]", "-").replaceAll("^[^A-Za-z0-9]+", "");
        return id.isEmpty() ? "node-1" : id.substring(0, Math.min(64, id.length()));
    }

    /** The allowed origins, never null. */
    public List<String> allowedOriginsOrNone() {
        return allowedOrigins == null ? List.of() : allowedOrigins.stream().map(String::strip)
                .filter(o -> !o.isEmpty()).toList();
    }
}
