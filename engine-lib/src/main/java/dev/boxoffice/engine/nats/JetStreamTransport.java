package dev.boxoffice.engine.nats;

import dev.boxoffice.engine.StorageException;
import dev.boxoffice.engine.bus.Delivery;
import dev.boxoffice.engine.bus.Subscription;
import dev.boxoffice.engine.bus.Transport;
import dev.boxoffice.engine.event.EventEnvelope;
import dev.boxoffice.engine.internal.storage.Json;
import io.nats.client.Connection;
import io.nats.client.ErrorListener;
import io.nats.client.JetStream;
import io.nats.client.JetStreamApiException;
import io.nats.client.JetStreamManagement;
import io.nats.client.JetStreamSubscription;
import io.nats.client.Message;
import io.nats.client.Nats;
import io.nats.client.Options;
import io.nats.client.PullSubscribeOptions;
import io.nats.client.PublishOptions;
import io.nats.client.api.AckPolicy;
import io.nats.client.api.ConsumerConfiguration;
import io.nats.client.api.ConsumerInfo;
import io.nats.client.api.DeliverPolicy;
import io.nats.client.api.PublishAck;
import io.nats.client.api.StorageType;
import io.nats.client.api.StreamConfiguration;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@link Transport} over NATS JetStream, for services and competing instances in several processes.
 *
 * <ul>
 *   <li>One stream ({@link Settings#stream()}, file storage) holds every event under
 *       {@code <prefix>.<event subject>.<aggregate id>}; the event travels as its JSON envelope.</li>
 *   <li>{@link #publish} sends each event with {@code Nats-Msg-Id} = its id and returns once the broker
 *       acknowledged every one: a republished id within the stream's duplicate window is dropped by the broker.</li>
 *   <li>Each consumer group is one durable pull consumer of that name, explicit acks, no delivery limit (the
 *       engine dead-letters above this interface), delivering everything from the start: a new group receives
 *       the history. Every instance of the group, in any process, binds to it and competes for deliveries.</li>
 *   <li>nats-server 2.9 allows one filter subject per consumer, and a group listens to several subjects, so a
 *       group's consumer takes the whole stream and acknowledges at once what the group does not listen to (a
 *       little extra traffic per group, no extra consumer state).</li>
 *   <li>{@code nak(delay)} is {@code nakWithDelay}; the delivery count comes from the message's metadata; the
 *       backlog is the consumer's pending plus unacknowledged messages.</li>
 * </ul>
 *
 * <p>A broker that comes back without the stream (its store was lost, or someone deleted the stream) gets it
 * again, with every group's consumer, as soon as the transport notices: on reconnecting, when a publish fails,
 * when a backlog read finds no stream. What the broker lost is not in it any more: the services' outboxes keep
 * it, and {@link dev.boxoffice.engine.bus.Outboxes} republishes it.
 *
 * <p>The broker has no entity affinity (JetStream 2.9 has no pinned consumers): the engine's consumer groups give
 * it within a process ({@link dev.boxoffice.engine.BoxOfficeBuilder#entityAffinity}); instances in different
 * processes race for a ticket's events, and the engine's version check and parking put them in order.
 */
public final class JetStreamTransport implements Transport {

    /**
     * Where the events go.
     *
     * @param url             the broker, e.g. {@code nats://127.0.0.1:4222}
     * @param stream          the stream's name
     * @param subjectPrefix   the first token of every event's subject
     * @param duplicateWindow how long the broker remembers event ids to drop republished ones
     * @param ackWait         a delivery neither acknowledged nor refused in this time is delivered again
     */
    public record Settings(String url, String stream, String subjectPrefix, Duration duplicateWindow,
                           Duration ackWait) {

        public Settings {
            Objects.requireNonNull(url, "url");
            Objects.requireNonNull(stream, "stream");
            Objects.requireNonNull(subjectPrefix, "subjectPrefix");
            Objects.requireNonNull(duplicateWindow, "duplicateWindow");
            Objects.requireNonNull(ackWait, "ackWait");
        }

        /** Stream {@code BOXOFFICE}, subjects {@code boxoffice.>}, duplicate window 2 minutes, ack wait 30 s. */
        public static Settings of(String url) {
            return new Settings(url, "BOXOFFICE", "boxoffice", Duration.ofMinutes(2), Duration.ofSeconds(30));
        }

        public Settings withAckWait(Duration wait) {
            return new Settings(url, stream, subjectPrefix, duplicateWindow, wait);
        }

        public Settings withStream(String name, String prefix) {
            return new Settings(url, name, prefix, duplicateWindow, ackWait);
        }
    }

    /** JetStream API error codes: the broker does not have the stream, or the consumer. */
    private static final int STREAM_NOT_FOUND = 10059;
    private static final int CONSUMER_NOT_FOUND = 10014;
    private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(10);
    private static final Logger LOG = LoggerFactory.getLogger(JetStreamTransport.class);

    /** The client's errors go to the engine's log, at debug: outages are reported once, by the listener above. */
    private static final class QuietErrors implements ErrorListener {
        @Override
        public void errorOccurred(Connection conn, String error) {
            LOG.debug("NATS error: {}", error);
        }

        @Override
        public void exceptionOccurred(Connection conn, Exception exp) {
            LOG.debug("NATS exception: {}", exp.toString());
        }
    }

    private final Settings settings;
    private final Connection connection;
    /** Every group's consumer, by name, to create again when the broker lost them. */
    private final Map<String, ConsumerConfiguration> consumers = new ConcurrentHashMap<>();
    /** Re-creates the stream and consumers off the client's threads after a reconnect. */
    private final ExecutorService healer = Executors.newSingleThreadExecutor(r -> {
        Thread thread = new Thread(r, "boxoffice-nats-heal");
        thread.setDaemon(true);
        return thread;
    });
    private final JetStream jetStream;
    private final JetStreamManagement management;
    private volatile boolean closed;

    private JetStreamTransport(Settings settings, Connection connection) throws IOException {
        this.settings = settings;
        this.connection = connection;
        this.jetStream = connection.jetStream();
        this.management = connection.jetStreamManagement();
    }

    /**
     * Connects to the broker and creates the stream if it is not there.
     *
     * @throws BrokerUnreachableException if the broker cannot be reached, with one line that names the URL
     * @throws StorageException            if it refuses the stream
     */
    public static JetStreamTransport connect(Settings settings) {
        AtomicReference<JetStreamTransport> self = new AtomicReference<>();
        AtomicBoolean down = new AtomicBoolean(); // the client reports a disconnect per failed reconnect: log one

        Connection connection;
        try {
            connection = Nats.connect(new Options.Builder().server(settings.url())
                    .connectionTimeout(Duration.ofSeconds(5)).maxReconnects(-1)
                    .reconnectWait(Duration.ofMillis(250))
                    .errorListener(new QuietErrors())
                    .connectionListener((conn, event) -> {
                        switch (event) {
                            case DISCONNECTED -> {
                                if (self.get() != null && down.compareAndSet(false, true)) {
                                    LOG.warn("Lost the NATS server at {}; reconnecting", settings.url());
                                }
                            }
                            case RECONNECTED -> {
                                down.set(false);
                                LOG.info("Reconnected to the NATS server at {}", settings.url());
                                JetStreamTransport transport = self.get();
                                if (transport != null) {
                                    transport.healLater();
                                }
                            }
                            default -> LOG.debug("NATS connection {}: {}", settings.url(), event);
                        }
                    })
                    .build());
        } catch (IOException e) {
            throw new BrokerUnreachableException("Cannot reach the NATS server at " + settings.url() + ": "
                    + e.getMessage() + " (is nats-server running with JetStream, -js?)", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new BrokerUnreachableException("Interrupted while connecting to " + settings.url(), e);
        }
        try {
            JetStreamTransport transport = new JetStreamTransport(settings, connection);
            transport.ensureStream();
            self.set(transport);
            return transport;
        } catch (IOException | JetStreamApiException | RuntimeException e) {
            closeQuietly(connection);
            throw new StorageException("The NATS server at " + settings.url() + " refused the stream "
                    + settings.stream() + ": " + e.getMessage(), e);
        }
    }

    /** Creates the stream, or brings its configuration up to date; returns whether it had to create it. */
    private boolean ensureStream() throws IOException, JetStreamApiException {
        StreamConfiguration config = StreamConfiguration.builder().name(settings.stream())
                .subjects(settings.subjectPrefix() + ".>").storageType(StorageType.File)
                .duplicateWindow(settings.duplicateWindow()).build();
        if (management.getStreamNames().contains(settings.stream())) {
            management.updateStream(config);
            return false;
        }
        management.addStream(config);
        return true;
    }

    /**
     * Makes sure the stream and every group's consumer exist, creating what the broker lost. Safe to call at any
     * time and from any thread; does nothing while the broker is unreachable (the next reconnect calls it).
     */
    private synchronized void heal() {
        if (closed || !connected()) {
            return;
        }
        try {
            boolean lostStream = ensureStream();
            List<String> lostConsumers = new ArrayList<>();
            for (Map.Entry<String, ConsumerConfiguration> consumer : consumers.entrySet()) {
                if (lostStream || !consumerExists(consumer.getKey())) {
                    management.addOrUpdateConsumer(settings.stream(), consumer.getValue());
                    lostConsumers.add(consumer.getKey());
                }
            }
            if (lostStream) {
                LOG.warn("The NATS server at {} had lost stream {}: created it again with the consumers of {}. "
                        + "Events it held are gone from it; republish them from the outboxes "
                        + "(POST /api/admin/outboxes/republish)", settings.url(), settings.stream(), lostConsumers);
            } else if (!lostConsumers.isEmpty()) {
                LOG.warn("The NATS server at {} had lost the consumers of {}: created them again", settings.url(),
                        lostConsumers);
            }
        } catch (IOException | JetStreamApiException | RuntimeException e) {
            LOG.debug("Could not check stream {} on {} yet: {}", settings.stream(), settings.url(), e.toString());
        }
    }

    private boolean consumerExists(String group) throws IOException, JetStreamApiException {
        try {
            management.getConsumerInfo(settings.stream(), group);
            return true;
        } catch (JetStreamApiException e) {
            if (e.getApiErrorCode() == CONSUMER_NOT_FOUND) {
                return false;
            }
            throw e;
        }
    }

    private void healLater() {
        if (!closed) {
            healer.execute(this::heal);
        }
    }

    private static boolean lostByBroker(JetStreamApiException e) {
        return e.getApiErrorCode() == STREAM_NOT_FOUND || e.getApiErrorCode() == CONSUMER_NOT_FOUND;
    }

    /** The event subject of a NATS subject {@code <prefix>.<event subject>.<aggregate id>}: no need to parse the event. */
    private String eventSubject(String natsSubject) {
        int start = settings.subjectPrefix().length() + 1;
        int end = natsSubject.indexOf('.', start);
        return end < 0 ? "" : natsSubject.substring(start, end);
    }

    private String natsSubject(EventEnvelope event) {
        return settings.subjectPrefix() + "." + event.subject() + "." + event.aggregateId();
    }

    @Override
    public void publish(List<EventEnvelope> events) {
        List<CompletableFuture<PublishAck>> acks = new ArrayList<>(events.size());
        for (EventEnvelope event : events) {
            acks.add(jetStream.publishAsync(natsSubject(event), Json.write(event).getBytes(StandardCharsets.UTF_8),
                    PublishOptions.builder().messageId(event.eventId()).build()));
        }
        for (CompletableFuture<PublishAck> ack : acks) {
            try {
                ack.get(REQUEST_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
            } catch (ExecutionException | TimeoutException e) {
                heal(); // "no responders" when the stream is gone: create it, and the relay's retry goes through
                throw new StorageException("The NATS server at " + settings.url() + " did not acknowledge a "
                        + "publish: " + e.getMessage(), e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new StorageException("Interrupted while publishing", e);
            }
        }
    }

    @Override
    public Subscription subscribe(String group, Set<String> subjects) {
        try {
            ConsumerConfiguration config = ConsumerConfiguration.builder().durable(group)
                    .ackPolicy(AckPolicy.Explicit).ackWait(settings.ackWait()).maxDeliver(-1)
                    .deliverPolicy(DeliverPolicy.All).filterSubject(settings.subjectPrefix() + ".>")
                    .maxAckPending(100_000).build();
            management.addOrUpdateConsumer(settings.stream(), config);
            consumers.put(group, config);
            JetStreamSubscription subscription = jetStream.subscribe(null,
                    PullSubscribeOptions.bind(settings.stream(), group));
            return new GroupSubscription(subscription, Set.copyOf(subjects));
        } catch (IOException | JetStreamApiException e) {
            throw new StorageException("Cannot join consumer group " + group + " on " + settings.url() + ": "
                    + e.getMessage(), e);
        }
    }

    /**
     * Deletes the stream, its consumers and every event in it, if it exists: for simulations and tests that run on
     * a stream of their own. Never on a stream that the services' outboxes still count on to deliver.
     *
     * @throws BrokerUnreachableException if the broker cannot be reached
     */
    public static void deleteStream(Settings settings) {
        JetStreamTransport transport = connect(settings);
        try {
            transport.management.deleteStream(settings.stream());
        } catch (IOException | JetStreamApiException e) {
            throw new StorageException("Cannot delete stream " + settings.stream() + " on " + settings.url() + ": "
                    + e.getMessage(), e);
        } finally {
            transport.close();
        }
    }

    /** Whether the connection to the broker is up right now (it reconnects by itself after an outage). */
    public boolean connected() {
        return connection.getStatus() == Connection.Status.CONNECTED;
    }

    /** The broker's URL. */
    public String url() {
        return settings.url();
    }

    @Override
    public void close() {
        closed = true;
        healer.shutdownNow();
        try {
            // acks are sent without waiting for a reply: a round trip makes sure the server has them before we go
            connection.flush(Duration.ofSeconds(2));
        } catch (java.util.concurrent.TimeoutException | RuntimeException e) {
            // the server is gone: what was not acknowledged is delivered again, and consumers drop the repeats
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        closeQuietly(connection);
    }

    private static void closeQuietly(Connection connection) {
        try {
            connection.close();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * Each pull request asks for this many fetches' worth of messages, so that the broker streams the next batches
     * while the consumer handles this one. Asking for one fetch's worth, a consumer waited a round trip to the broker
     * for every batch: {@code bench replicate-nats} measured 0.07 (the order replicas idle, waiting to fetch), and
     * 0.24-0.26 with 4 (8 gave no more). What a request brings beyond a fetch waits in the subscription for the next
     * fetch.
     */
    private static final int PULL_AHEAD = 4;

    private final class GroupSubscription implements Subscription {

        private final JetStreamSubscription subscription;
        private final Set<String> subjects;

        GroupSubscription(JetStreamSubscription subscription, Set<String> subjects) {
            this.subscription = subscription;
            this.subjects = subjects;
        }

        @Override
        public List<Delivery> fetch(int max, Duration maxWait) {
            List<Delivery> out = new ArrayList<>();
            if (closed) {
                return out;
            }
            try {
                Duration wait = maxWait.compareTo(Duration.ofMillis(1)) < 0 ? Duration.ofMillis(1) : maxWait;
                subscription.pullExpiresIn(PULL_AHEAD * max, wait);
                Message message = subscription.nextMessage(wait);
                while (message != null) {
                    if (message.isJetStream()) {
                        if (subjects.contains(eventSubject(message.getSubject()))) {
                            out.add(new NatsDelivery(message, Json.read(new String(message.getData(),
                                    StandardCharsets.UTF_8), EventEnvelope.class)));
                        } else {
                            message.ack(); // another group's subject: this group's consumer sees the whole stream
                        }
                    }
                    if (out.size() >= max) {
                        break;
                    }
                    message = subscription.nextMessage(Duration.ofMillis(1));
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } catch (IllegalStateException e) {
                if (!closed) {
                    throw e;
                }
            }
            return out;
        }

        @Override
        public long backlog() {
            try {
                return pendingAndUnacknowledged();
            } catch (JetStreamApiException e) {
                if (!lostByBroker(e)) {
                    throw new StorageException("Cannot read the backlog from " + settings.url() + ": "
                            + e.getMessage(), e);
                }
                heal();
                try {
                    return pendingAndUnacknowledged();
                } catch (IOException | JetStreamApiException again) {
                    throw new StorageException("Cannot read the backlog from " + settings.url() + ": "
                            + again.getMessage(), again);
                }
            } catch (IOException e) {
                throw new StorageException("Cannot read the backlog from " + settings.url() + ": " + e.getMessage(),
                        e);
            }
        }

        private long pendingAndUnacknowledged() throws IOException, JetStreamApiException {
            ConsumerInfo info = subscription.getConsumerInfo();
            return info.getNumPending() + info.getNumAckPending();
        }
    }

    private record NatsDelivery(Message message, EventEnvelope event) implements Delivery {

        @Override
        public int deliveryCount() {
            return (int) message.metaData().deliveredCount();
        }

        @Override
        public void ack() {
            message.ack();
        }

        @Override
        public void nak(Duration delay) {
            message.nakWithDelay(delay);
        }
    }
}
