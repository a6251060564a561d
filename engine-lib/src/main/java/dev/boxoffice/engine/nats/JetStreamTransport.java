package dev.boxoffice.engine.nats;

import dev.boxoffice.engine.StorageException;
import dev.boxoffice.engine.bus.Delivery;
import dev.boxoffice.engine.bus.Subscription;
import dev.boxoffice.engine.bus.Transport;
import dev.boxoffice.engine.event.EventEnvelope;
import dev.boxoffice.engine.internal.storage.Json;
import io.nats.client.Connection;
import io.nats.client.Dispatcher;
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
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BooleanSupplier;
import java.util.function.LongSupplier;
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
 *   <li>Each consumer group has one durable pull consumer per event subject it listens to, named
 *       {@code <group>_<subject>} ({@code :} as {@code -}, e.g. {@code orders_ticket-updated}) and filtered on
 *       {@code <prefix>.<subject>.>}: nats-server 2.9 allows one filter subject per consumer, and this way the
 *       broker sends a group only what it handles. Explicit acks, no delivery limit (the engine dead-letters above
 *       this interface), delivering everything from the start: a new group receives the history. Every instance of
 *       the group, in any process, binds to them and competes for deliveries; one instance's consumers feed one
 *       queue. Events of different subjects may so arrive in another order than published; the engine's version
 *       checks and parking put them in order, as for competing instances.</li>
 *   <li>A group's consumer from before (named {@code <group>}, taking the whole stream) is replaced on subscribing:
 *       the new consumers start after what it had acknowledged, and it is deleted.</li>
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
    /** How long one wait for a publish's acknowledgement lasts before the batch's later ones are looked at. */
    private static final long ACK_SLICE_NANOS = 50_000_000L;
    /**
     * How long after the connection was restored a publish sent before it may still be answered: what waited in the
     * client's reconnect buffer is sent at once and answered within milliseconds.
     */
    static final long RECONNECT_GRACE_NANOS = 1_000_000_000L;
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
    /** How many times the connection was restored: a publish sent before and unanswered well after was lost. */
    private final AtomicLong reconnects;
    /** Every consumer of every group, by name (in order, for the log), to create again when the broker lost them. */
    private final Map<String, ConsumerConfiguration> consumers = new ConcurrentSkipListMap<>();
    /** Re-creates the stream and consumers off the client's threads after a reconnect. */
    private final ExecutorService healer = Executors.newSingleThreadExecutor(r -> {
        Thread thread = new Thread(r, "boxoffice-nats-heal");
        thread.setDaemon(true);
        return thread;
    });
    private final JetStream jetStream;
    private final JetStreamManagement management;
    private volatile boolean closed;

    private JetStreamTransport(Settings settings, Connection connection, AtomicLong reconnects) throws IOException {
        this.settings = settings;
        this.connection = connection;
        this.reconnects = reconnects;
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
        AtomicLong reconnects = new AtomicLong();
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
                                reconnects.incrementAndGet();
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
            JetStreamTransport transport = new JetStreamTransport(settings, connection, reconnects);
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

    private boolean consumerExists(String name) throws IOException, JetStreamApiException {
        return consumerInfo(name).isPresent();
    }

    private Optional<ConsumerInfo> consumerInfo(String name) throws IOException, JetStreamApiException {
        try {
            return Optional.of(management.getConsumerInfo(settings.stream(), name));
        } catch (JetStreamApiException e) {
            if (e.getApiErrorCode() == CONSUMER_NOT_FOUND) {
                return Optional.empty();
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

    private String natsSubject(EventEnvelope event) {
        return settings.subjectPrefix() + "." + event.subject() + "." + event.aggregateId();
    }

    @Override
    public void publish(List<EventEnvelope> events) {
        List<CompletableFuture<PublishAck>> acks = new ArrayList<>(events.size());
        ReconnectWatch reconnect = new ReconnectWatch(reconnects, System::nanoTime, RECONNECT_GRACE_NANOS);
        for (EventEnvelope event : events) {
            acks.add(jetStream.publishAsync(natsSubject(event), Json.write(event).getBytes(StandardCharsets.UTF_8),
                    PublishOptions.builder().messageId(event.eventId()).build()));
        }
        long deadline = System.nanoTime() + REQUEST_TIMEOUT.toNanos();
        for (int i = 0; i < acks.size(); i++) {
            try {
                awaitAck(acks, i, deadline, reconnect::longAgo);
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

    /**
     * Waits until the broker acknowledges publish {@code i} of a batch, or {@code deadlineNanos}
     * ({@link System#nanoTime()}). The broker answers one connection's publishes in order, so a publish still
     * unanswered once a later one of the batch is acknowledged was lost: written to a connection that died before
     * the broker read it, while the later ones waited in the client's reconnect buffer and went through after the
     * reconnect (measured by hand: publishing right after a SIGKILL of the broker, the first one to five of five
     * were lost so, the rest stored). Waiting on until the deadline would hold the relay, and every event behind it,
     * for nothing while the later events are delivered early; the publish fails at once instead, and the relay's
     * retry publishes the batch again (the broker drops the ids it has). A wrong guess costs only that. Where the
     * whole batch was lost, no later answer comes: a publish unanswered {@link #RECONNECT_GRACE_NANOS} after the
     * connection was restored ({@code reconnectedLongAgo}) is taken as lost too.
     *
     * @throws TimeoutException when the deadline passes, or when the publish was lost
     */
    static void awaitAck(List<CompletableFuture<PublishAck>> acks, int i, long deadlineNanos,
                         BooleanSupplier reconnectedLongAgo)
            throws ExecutionException, TimeoutException, InterruptedException {
        CompletableFuture<PublishAck> ack = acks.get(i);
        while (true) {
            long left = deadlineNanos - System.nanoTime();
            if (left <= 0) {
                throw new TimeoutException("no acknowledgement within " + REQUEST_TIMEOUT.toSeconds() + " s");
            }
            try {
                ack.get(Math.min(left, ACK_SLICE_NANOS), TimeUnit.NANOSECONDS);
                return;
            } catch (TimeoutException slice) {
                // a later acknowledgement seen first: had this one come, it would have come before it
                if (laterAcknowledged(acks, i) && !ack.isDone()) {
                    throw new TimeoutException("publish " + (i + 1) + " of " + acks.size() + " lost: unanswered "
                            + "while a later one was acknowledged");
                }
                if (reconnectedLongAgo.getAsBoolean() && !ack.isDone()) {
                    throw new TimeoutException("publish " + (i + 1) + " of " + acks.size() + " lost: unanswered "
                            + "a second after the connection was restored");
                }
            }
        }
    }

    /**
     * Whether the connection was restored since a batch was sent, at least {@code graceNanos} ago: counted from when
     * a wait first saw the restoration.
     */
    static final class ReconnectWatch {
        private final AtomicLong reconnects;
        private final long before;
        private final LongSupplier ticker;
        private final long graceNanos;
        private long seenAt;
        private boolean seen;

        ReconnectWatch(AtomicLong reconnects, LongSupplier ticker, long graceNanos) {
            this.reconnects = reconnects;
            this.before = reconnects.get();
            this.ticker = ticker;
            this.graceNanos = graceNanos;
        }

        boolean longAgo() {
            if (!seen) {
                if (reconnects.get() == before) {
                    return false;
                }
                seen = true;
                seenAt = ticker.getAsLong();
            }
            return ticker.getAsLong() - seenAt >= graceNanos;
        }
    }

    private static boolean laterAcknowledged(List<CompletableFuture<PublishAck>> acks, int i) {
        for (int j = acks.size() - 1; j > i; j--) {
            CompletableFuture<PublishAck> later = acks.get(j);
            if (later.isDone() && !later.isCompletedExceptionally()) {
                return true;
            }
        }
        return false;
    }

    @Override
    public Subscription subscribe(String group, Set<String> subjects) {
        try {
            long resumeAt = startAfterWholeStreamConsumer(group);
            GroupSubscription subscription = new GroupSubscription();
            for (String subject : new TreeSet<>(subjects)) {
                subscription.bind(subjectConsumer(group, subject, resumeAt));
            }
            if (resumeAt > 0) {
                try {
                    management.deleteConsumer(settings.stream(), group);
                } catch (JetStreamApiException e) {
                    if (e.getApiErrorCode() != CONSUMER_NOT_FOUND) { // another process replaced it at the same time
                        throw e;
                    }
                }
                LOG.info("Replaced NATS consumer {} (the whole stream) by one per subject: {}", group,
                        subscription.consumerNames());
            }
            return subscription;
        } catch (IOException | JetStreamApiException e) {
            throw new StorageException("Cannot join consumer group " + group + " on " + settings.url() + ": "
                    + e.getMessage(), e);
        }
    }

    /**
     * Creates the group's consumer of one subject, {@code orders_ticket-updated} ({@code :} as {@code -}), or brings
     * its ack wait up to date; returns its name. A new one starts at {@code resumeAt} where that is above 0, else
     * from the stream's beginning.
     */
    private String subjectConsumer(String group, String subject, long resumeAt)
            throws IOException, JetStreamApiException {
        String name = group + "_" + subject.replace(':', '-');
        ConsumerConfiguration wanted = ConsumerConfiguration.builder().durable(name).ackPolicy(AckPolicy.Explicit)
                .ackWait(settings.ackWait()).maxDeliver(-1).deliverPolicy(DeliverPolicy.All)
                .filterSubject(settings.subjectPrefix() + "." + subject + ".>").maxAckPending(100_000).build();
        consumers.put(name, wanted); // what heal() creates again: a lost stream starts from its beginning
        Optional<ConsumerInfo> existing = consumerInfo(name);
        long startAt = existing.map(info -> info.getConsumerConfiguration().getDeliverPolicy()
                        == DeliverPolicy.ByStartSequence ? info.getConsumerConfiguration().getStartSequence() : 0L)
                .orElse(resumeAt); // where an existing one started cannot change
        management.addOrUpdateConsumer(settings.stream(), startAt <= 0 ? wanted : ConsumerConfiguration
                .builder(wanted).deliverPolicy(DeliverPolicy.ByStartSequence).startSequence(startAt).build());
        return name;
    }

    /**
     * Where a group's consumers start when it still has a consumer from before, named as the group and taking the
     * whole stream: the stream sequence after what that one had acknowledged; 0 when there is none.
     */
    private long startAfterWholeStreamConsumer(String group) throws IOException, JetStreamApiException {
        return consumerInfo(group).map(before -> before.getAckFloor().getStreamSequence() + 1).orElse(0L);
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
    public Duration ackWait() {
        return settings.ackWait();
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
     * 0.24-0.26 with 4 (8 gave no more). What a request brings beyond a fetch waits in the instance's queue for the
     * next fetch.
     */
    private static final int PULL_AHEAD = 4;

    /** One instance's subscription to its group: a pull subscription per subject, all feeding one queue. */
    private final class GroupSubscription implements Subscription {

        private final BlockingQueue<Message> arrived = new LinkedBlockingQueue<>();
        private final Dispatcher dispatcher = connection.createDispatcher();
        private final List<SubjectPull> pulls = new ArrayList<>();

        void bind(String consumer) throws IOException, JetStreamApiException {
            AtomicInteger coming = new AtomicInteger();
            JetStreamSubscription subscription = jetStream.subscribe(null, dispatcher, message -> {
                if (message.isJetStream()) {
                    coming.decrementAndGet();
                }
                arrived.add(message);
            }, PullSubscribeOptions.bind(settings.stream(), consumer));
            pulls.add(new SubjectPull(subscription, coming));
        }

        List<String> consumerNames() {
            return pulls.stream().map(p -> p.subscription.getConsumerName()).toList();
        }

        @Override
        public List<Delivery> fetch(int max, Duration maxWait) {
            List<Delivery> out = new ArrayList<>();
            if (closed) {
                return out;
            }
            try {
                Duration wait = maxWait.compareTo(Duration.ofMillis(1)) < 0 ? Duration.ofMillis(1) : maxWait;
                long now = System.nanoTime();
                for (SubjectPull pull : pulls) {
                    pull.askIfShort(max, wait, now);
                }
                Message message = arrived.poll(wait.toNanos(), TimeUnit.NANOSECONDS);
                while (message != null) {
                    if (message.isJetStream()) { // never a status: the client keeps those
                        out.add(new NatsDelivery(message, Json.read(new String(message.getData(),
                                StandardCharsets.UTF_8), EventEnvelope.class)));
                    }
                    if (out.size() >= max) {
                        break;
                    }
                    message = arrived.poll(1, TimeUnit.MILLISECONDS);
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
            long backlog = 0;
            for (SubjectPull pull : pulls) {
                ConsumerInfo info = pull.subscription.getConsumerInfo();
                backlog += info.getNumPending() + info.getNumAckPending();
            }
            return backlog;
        }
    }

    /**
     * One subject's pull subscription, and what its pull requests still have coming. A request is sent only when
     * what is coming is less than a fetch, or the last request has run out, so that a group's quiet subjects are
     * not asked again at every fetch of its busy one: asked every fetch, {@code bench replicate-nats} measured 167
     * and 171 µs of CPU per edit (the broker's 43 and 45), asked when short 158 and 161 (39 and 42), runs taking
     * turns.
     */
    private static final class SubjectPull {
        final JetStreamSubscription subscription;
        /** Messages asked for and not yet arrived, as far as the requests not run out go (counted down on arrival). */
        final AtomicInteger coming;
        /** When the last request runs out at the broker ({@link System#nanoTime()}: the broker's real time). */
        volatile long runsOut;

        SubjectPull(JetStreamSubscription subscription, AtomicInteger coming) {
            this.subscription = subscription;
            this.coming = coming;
        }

        void askIfShort(int max, Duration wait, long now) {
            if (now - runsOut >= 0) {
                coming.set(0); // what the requests still had coming will not come
            }
            if (coming.get() < max) {
                subscription.pullExpiresIn(PULL_AHEAD * max, wait);
                coming.addAndGet(PULL_AHEAD * max);
                runsOut = now + wait.toNanos();
            }
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
