package dev.boxoffice.engine.cluster;

import dev.boxoffice.engine.BoxOffice;
import dev.boxoffice.engine.nats.JetStreamTransport;
import dev.boxoffice.engine.store.Storage;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;

/**
 * Run in a child JVM by {@link DutyTakeoverTest}: one node of a cluster, which runs until it is killed. Arguments:
 * data directory, node id, PostgreSQL URL, NATS URL, stream name, lease time to live (ms), expiry window (ms).
 * Prints {@code holding N duties} once it holds {@code N} duties (it is the first node, so it takes them all).
 */
public final class ClusterNode {

    private ClusterNode() {
    }

    public static void main(String[] args) throws Exception {
        String stream = args[4];
        BoxOffice engine = BoxOffice.builder()
                .dataDirectory(Path.of(args[0]))
                .nodeId(args[1])
                .storage(Storage.postgres(args[2], "postgres", "postgres"))
                .transport(JetStreamTransport.connect(JetStreamTransport.Settings.of(args[3])
                        .withStream(stream.toUpperCase(Locale.ROOT), stream)))
                .leaseTimeToLive(Duration.ofMillis(Long.parseLong(args[5])))
                .expiryWindow(Duration.ofMillis(Long.parseLong(args[6])))
                .build();
        int duties = 0;
        while (duties < 6) {
            duties = engine.nodes().list().get(0).duties().size();
            Thread.onSpinWait();
        }
        System.out.println("holding " + duties + " duties");
        System.out.flush();
        // until killed
        Thread.currentThread().join();
    }
}
