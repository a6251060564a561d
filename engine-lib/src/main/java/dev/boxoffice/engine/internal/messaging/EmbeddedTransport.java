package dev.boxoffice.engine.internal.messaging;

import com.zaxxer.hikari.HikariDataSource;
import dev.boxoffice.engine.StorageException;
import dev.boxoffice.engine.bus.Delivery;
import dev.boxoffice.engine.bus.Subscription;
import dev.boxoffice.engine.bus.Ticker;
import dev.boxoffice.engine.bus.Transport;
import dev.boxoffice.engine.event.EventEnvelope;
import dev.boxoffice.engine.internal.storage.Dialect;
import dev.boxoffice.engine.internal.storage.Durability;
import dev.boxoffice.engine.internal.storage.Rows;
import dev.boxoffice.engine.internal.storage.SqliteFiles;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.PriorityQueue;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.JdbiException;

/**
 * The default transport: a durable log in its own SQLite file ({@code bus.db}), fanned out to consumer groups.
 *
 * <p>Every published event is written once to the log and once per matching group to that group's pending
 * table, in one transaction; an ack deletes the group's pending row, with the next write to the file (acks from
 * several consumers share it: see {@link #acknowledge}). The delivery state (who holds a lease,
 * when a refused event comes back) lives in memory and is rebuilt from the pending rows on open, so after a
 * restart every unacknowledged event is delivered again at once. Timers run on the injected {@link Ticker}.
 *
 * <p>A refused event's delivery count is kept in its pending row, so that the maximum holds across a restart; it
 * is written with the group's next ack or at most every {@link #COUNT_WRITE_INTERVAL_NANOS}, and at close, not
 * with a commit of its own per refusal. A crash may forget the last such increments: the event is then delivered
 * a few more times before it is set aside.
 *
 * <p>With entity affinity (the default), while one instance of a group holds leases on an entity's events (say,
 * one ticket's), the group's other instances pass over that entity's next events and leave them to it, in order.
 */
public final class EmbeddedTransport implements Transport {

    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(EmbeddedTransport.class);
    /** Ready events a fetch passes over because another instance holds their entity, before it stops looking. */
    static final int MAX_SKIPPED = 1024;
    /** Stale timers a group keeps beyond twice its unacknowledged events before it drops them (see setTimer). */
    static final int STALE_TIMERS_KEPT = 1024;
    /** At most this long between writes of a group's refused delivery counts while refusals go on. */
    public static final long COUNT_WRITE_INTERVAL_NANOS = 100_000_000L;

    private final HikariDataSource dataSource;
    private final Jdbi jdbi;
    private final Ticker ticker;
    private final long ackWaitNanos;
    private final boolean entityAffinity;
    /** Serializes the writes to the file (see {@link #inTransaction}). */
    private final ReentrantLock writes = new ReentrantLock();
    private final ReentrantLock lock = new ReentrantLock();
    private final Map<String, GroupState> groups = new HashMap<>();
    private volatile boolean closed;

    private EmbeddedTransport(HikariDataSource dataSource, Ticker ticker, Duration ackWait, boolean entityAffinity) {
        this.dataSource = dataSource;
        this.entityAffinity = entityAffinity;
        // the embedded log is always a SQLite file (bus.db)
        this.jdbi = SqliteFiles.jdbi(dataSource, Dialect.SQLITE);
        this.ticker = ticker;
        this.ackWaitNanos = ackWait.toNanos();
        jdbi.useHandle(h -> h.createQuery("SELECT name, subjects FROM consumer_groups")
                .map((rs, ctx) -> new GroupState(rs.getString("name"), parseSubjects(rs.getString("subjects")),
                        lock.newCondition()))
                .forEach(g -> groups.put(g.name, g)));
    }

    /** Opens (creating if needed) {@code dir/bus.db}. */
    public static EmbeddedTransport open(Path dir, Durability durability, Ticker ticker, Duration ackWait) {
        return open(dir, durability, ticker, ackWait, true);
    }

    /**
     * Opens (creating if needed) {@code dir/bus.db}.
     *
     * @param entityAffinity whether one entity's events go to one consumer instance of a group at a time (see
     *                       {@link dev.boxoffice.engine.BoxOfficeBuilder#entityAffinity})
     */
    public static EmbeddedTransport open(Path dir, Durability durability, Ticker ticker, Duration ackWait,
                                         boolean entityAffinity) {
        HikariDataSource dataSource = SqliteFiles.open(dir, "bus", durability, 4);
        try {
            SqliteFiles.migrate(dataSource, "bus");
            return new EmbeddedTransport(dataSource, ticker, ackWait, entityAffinity);
        } catch (RuntimeException e) {
            dataSource.close();
            throw e;
        }
    }

    @Override
    public void publish(List<EventEnvelope> events) {
        if (events.isEmpty()) {
            return;
        }
        writes.lock();
        try {
            List<Entry> added = inTransaction(h -> {
                List<Entry> entries = new ArrayList<>();
                Map<GroupState, List<Long>> pending = new LinkedHashMap<>();
                for (EventEnvelope event : events) {
                    // one statement an event: what the log already holds (a relay publishing again) is left alone
                    Optional<Long> seq = Envelopes.bind(h.createQuery("INSERT INTO messages (" + Envelopes.COLUMNS
                            + ") VALUES (" + Envelopes.PARAMETERS + ") ON CONFLICT (event_id) DO NOTHING "
                            + "RETURNING seq"), event).map(Rows.FIRST_LONG).findOne();
                    if (seq.isEmpty()) {
                        continue;
                    }
                    for (GroupState group : groups.values()) {
                        if (group.subjects.contains(event.subject())) {
                            pending.computeIfAbsent(group, g -> new ArrayList<>()).add(seq.get());
                            entries.add(new Entry(group, seq.get(), event, 0));
                        }
                    }
                }
                // and one statement a group for its pending rows, whatever the number
                pending.forEach((group, seqs) -> h.createUpdate("INSERT INTO pending (group_name, seq, deliveries) "
                                + "SELECT :g, value, 0 FROM json_each(:seqs)")
                        .bind("g", group.name)
                        .bind("seqs", seqs.toString()) // a JSON array: [1, 2, 3]
                        .execute());
                return entries;
            });
            lock.lock();
            try {
                Set<GroupState> woken = new java.util.HashSet<>();
                for (Entry entry : added) {
                    if (entry.group.loaded) {
                        entry.group.enqueue(entry);
                        woken.add(entry.group);
                    }
                }
                // only the groups that got something: a ticket edit does not wake the payments service
                woken.forEach(g -> g.changed.signalAll());
            } finally {
                lock.unlock();
            }
        } finally {
            letGo();
        }
    }

    @Override
    public Subscription subscribe(String groupName, Set<String> subjects) {
        writes.lock();
        try {
            GroupState group = groups.computeIfAbsent(groupName,
                    name -> new GroupState(name, Set.of(), lock.newCondition()));
            Set<String> added = new TreeSet<>(subjects);
            added.removeAll(group.subjects);
            if (!added.isEmpty() || group.subjects.isEmpty()) {
                if (group.loaded) {
                    throw new IllegalStateException("Consumer group " + groupName + " is already subscribed to "
                            + group.subjects + "; cannot add " + added + " while it runs");
                }
                Set<String> all = new TreeSet<>(group.subjects);
                all.addAll(subjects);
                registerAndBackfill(groupName, all, added);
                group.subjects.addAll(added);
            }
            if (!group.loaded) {
                load(group);
            }
            return new GroupSubscription(group);
        } finally {
            letGo();
        }
    }

    private void registerAndBackfill(String groupName, Set<String> all, Set<String> added) {
        inTransaction(h -> {
            h.createUpdate("INSERT INTO consumer_groups (name, subjects) VALUES (:n, :s) "
                            + "ON CONFLICT (name) DO UPDATE SET subjects = excluded.subjects")
                    .bind("n", groupName).bind("s", String.join(",", all)).execute();
            if (!added.isEmpty()) {
                h.createUpdate("INSERT OR IGNORE INTO pending (group_name, seq, deliveries) "
                                + "SELECT :n, seq, 0 FROM messages WHERE subject IN (<subjects>)")
                        .bind("n", groupName).bindList("subjects", new ArrayList<>(added)).execute();
            }
            return null;
        });
    }

    private void load(GroupState group) {
        List<Entry> entries = jdbi.withHandle(h -> h.createQuery("SELECT p.seq AS seq, p.deliveries AS deliveries, "
                        + "m.event_id, m.subject, m.aggregate_id, m.version, m.occurred_at, m.correlation_id, "
                        + "m.payload FROM pending p JOIN messages m ON m.seq = p.seq WHERE p.group_name = :g "
                        + "ORDER BY p.seq")
                .bind("g", group.name)
                .map((rs, ctx) -> new Entry(group, rs.getLong("seq"), Envelopes.read(rs), rs.getInt("deliveries")))
                .list());
        lock.lock();
        try {
            entries.forEach(group::enqueue);
            group.countsWrittenAt = ticker.read();
            group.loaded = true;
            group.changed.signalAll();
        } finally {
            lock.unlock();
        }
    }

    /**
     * Runs a write transaction, which first writes the acks not written yet. Writers take {@link #writes} first:
     * this process is the file's only writer, and waiting on a Java lock hands over at once, where SQLite's busy
     * handler would sleep for milliseconds.
     */
    private <T> T inTransaction(org.jdbi.v3.core.HandleCallback<T, RuntimeException> callback) {
        writes.lock();
        try {
            return transaction(callback);
        } finally {
            letGo();
        }
    }

    /**
     * Lets go of {@link #writes}, then writes the acks made meanwhile: an ack that found the file taken left its
     * write to the holder.
     */
    private void letGo() {
        writes.unlock();
        writeAcks();
    }

    /** {@link #inTransaction} for a caller that holds {@link #writes}. */
    private <T> T transaction(org.jdbi.v3.core.HandleCallback<T, RuntimeException> callback) {
        List<Acks> acks = takeUnwrittenAcks();
        try {
            return jdbi.inTransaction(h -> {
                for (Acks group : acks) {
                    group.write(h);
                }
                return callback.withHandle(h);
            });
        } catch (RuntimeException e) {
            putBack(acks);
            throw e instanceof JdbiException ? new StorageException("The embedded event log failed: "
                    + e.getMessage(), e) : e;
        }
    }

    /**
     * Writes the acks not written yet, unless this thread is inside a write or another thread holds
     * {@link #writes}: that one calls this once it lets go ({@link #letGo}), so that no ack is left behind.
     */
    private void writeAcks() {
        while (!writes.isHeldByCurrentThread() && hasUnwrittenAcks() && writes.tryLock()) {
            try {
                transaction(h -> null);
            } catch (StorageException e) {
                // kept, for the next write to try again; the events are not delivered again unless we restart
                LOG.warn("Could not write acks to the embedded event log: {}", e.getMessage());
                return;
            } finally {
                writes.unlock();
            }
        }
    }

    /**
     * Deletes the oldest messages (at most {@code max} looked at) that occurred before {@code cutoff} and that every
     * consumer group has acknowledged (below the oldest pending row of any group); returns how many. A consumer group
     * added later receives the history that is left.
     */
    public int pruneAcknowledged(java.time.Instant cutoff, int max) {
        writes.lock();
        try {
            return jdbi.withHandle(h -> h.createUpdate("DELETE FROM messages WHERE seq IN (SELECT seq FROM messages "
                            + "ORDER BY seq LIMIT :max) AND occurred_at < :cutoff "
                            + "AND seq < (SELECT coalesce(min(seq), 9223372036854775807) FROM pending)")
                    .bind("max", max).bind("cutoff", dev.boxoffice.engine.store.StoredTimes.format(cutoff))
                    .execute());
        } finally {
            letGo();
        }
    }

    /**
     * Forgets acknowledged entries at once, and deletes their pending rows with the next write to the file: at once
     * when no one else is writing, else as the first statement of the writer that holds the file, or right after
     * it ({@link #writeAcks}). So the acks of several consumer instances and the relay's publish share
     * transactions instead of queueing for one each. A crash before the write delivers those events again after
     * the restart, and consumers drop what they already handled by event id.
     */
    private void acknowledge(GroupState group, List<Entry> entries) {
        lock.lock();
        try {
            for (Entry entry : entries) {
                if (entry.state != State.ACKED) {
                    group.releaseLease(entry);
                    entry.state = State.ACKED;
                    entry.stamp++;
                    group.entries.remove(entry.seq);
                    group.unwrittenAcks.add(entry.seq);
                    unwrittenAcks++;
                }
            }
            // with entity affinity, what these held may now go to a waiting instance
            group.changed.signalAll();
        } finally {
            lock.unlock();
        }
        writeAcks();
    }

    /** Acks not written to the file yet, all groups together; guarded by {@link #lock}. */
    private int unwrittenAcks;

    private boolean hasUnwrittenAcks() {
        lock.lock();
        try {
            return unwrittenAcks > 0;
        } finally {
            lock.unlock();
        }
    }

    /** One group's acks to write, and its delivery counts not written yet (which go with the group's acks). */
    private record Acks(GroupState group, List<Long> seqs, List<long[]> counts) {

        void write(org.jdbi.v3.core.Handle h) {
            // one statement text for any number of entries (an IN list met 139 lengths in one bench run)
            h.createUpdate("DELETE FROM pending WHERE group_name = :g AND seq " + Dialect.SQLITE.inJsonArray("seqs"))
                    .bind("g", group.name)
                    .bind("seqs", seqs.toString()) // a JSON array: [1, 2, 3]
                    .execute();
            writeCounts(h, group, counts);
        }
    }

    private List<Acks> takeUnwrittenAcks() {
        lock.lock();
        try {
            if (unwrittenAcks == 0) {
                return List.of();
            }
            List<Acks> acks = new ArrayList<>();
            long now = ticker.read();
            for (GroupState group : groups.values()) {
                if (!group.unwrittenAcks.isEmpty()) {
                    acks.add(new Acks(group, new ArrayList<>(group.unwrittenAcks), takeUnwrittenCounts(group, now)));
                    group.unwrittenAcks.clear();
                }
            }
            unwrittenAcks = 0;
            return acks;
        } finally {
            lock.unlock();
        }
    }

    /** Returns acks whose write failed, for the next write to try again. */
    private void putBack(List<Acks> acks) {
        lock.lock();
        try {
            for (Acks a : acks) {
                a.group.unwrittenAcks.addAll(a.seqs);
                unwrittenAcks += a.seqs.size();
            }
        } finally {
            lock.unlock();
        }
    }

    /**
     * Delivery counts of refused entries, as {@code [seq, deliveries]}, that are not written yet; taken (and marked
     * written) under {@link #lock}. A refusal does not write its count at once: a burst of refusals (say, events
     * parked until their predecessor is applied) would cost a commit each. Counts are written with the group's
     * next ack, with a refusal at least {@link #COUNT_WRITE_INTERVAL_NANOS} after the last write, and at close.
     */
    private List<long[]> takeUnwrittenCounts(GroupState group, long now) {
        lock.lock();
        try {
            List<long[]> counts = new ArrayList<>(group.unwrittenCounts.size());
            for (Entry entry : group.unwrittenCounts) {
                if (entry.state != State.ACKED && entry.deliveries > entry.writtenDeliveries) {
                    counts.add(new long[] {entry.seq, entry.deliveries});
                    entry.writtenDeliveries = entry.deliveries;
                }
            }
            group.unwrittenCounts.clear();
            group.countsWrittenAt = now;
            return counts;
        } finally {
            lock.unlock();
        }
    }

    private static void writeCounts(org.jdbi.v3.core.Handle h, GroupState group, List<long[]> counts) {
        if (counts.isEmpty()) {
            return;
        }
        var batch = h.prepareBatch("UPDATE pending SET deliveries = :d WHERE group_name = :g AND seq = :seq");
        for (long[] count : counts) {
            batch.bind("d", count[1]).bind("g", group.name).bind("seq", count[0]).add();
        }
        batch.execute();
    }

    private void writeUnwrittenCounts(GroupState group) {
        List<long[]> counts = takeUnwrittenCounts(group, ticker.read());
        if (!counts.isEmpty()) {
            inTransaction(h -> {
                writeCounts(h, group, counts);
                return null;
            });
        }
    }

    private static Set<String> parseSubjects(String csv) {
        return new TreeSet<>(Arrays.asList(csv.split(",")));
    }

    @Override
    public Duration ackWait() {
        return Duration.ofNanos(ackWaitNanos);
    }

    @Override
    public void close() {
        try {
            // the acks not written yet first (inTransaction), then every group's counts
            inTransaction(h -> {
                long now = ticker.read();
                for (GroupState group : groups.values()) {
                    writeCounts(h, group, takeUnwrittenCounts(group, now));
                }
                return null;
            });
        } catch (StorageException e) {
            LOG.warn("Could not keep acks and delivery counts at close (acknowledged events come again after the "
                    + "restart, and counts restart lower): {}", e.getMessage());
        }
        closed = true;
        lock.lock();
        try {
            groups.values().forEach(g -> g.changed.signalAll());
        } finally {
            lock.unlock();
        }
        dataSource.close();
    }

    private enum State { READY, DELAYED, LEASED, ACKED }

    /** One unacknowledged event of one group. Guarded by {@link #lock}. */
    private static final class Entry {
        final GroupState group;
        final long seq;
        final EventEnvelope event;
        int deliveries;
        /** The count the pending row holds. */
        int writtenDeliveries;
        /** The entity the event is about, e.g. {@code ticket:<id>}: its events go to one instance at a time. */
        final String entity;
        /** The subscription (consumer instance) holding the lease, while leased. */
        Subscription holder;
        State state = State.READY;
        /** Raised on every change of state, so that a timer set for an earlier state is ignored. */
        int stamp;

        Entry(GroupState group, long seq, EventEnvelope event, int deliveries) {
            this.group = group;
            this.seq = seq;
            this.event = event;
            this.deliveries = deliveries;
            this.writtenDeliveries = deliveries;
            this.entity = Envelopes.entityOf(event);
        }
    }

    /** The in-memory delivery state of one group. Guarded by {@link #lock}. */
    private static final class GroupState {
        final String name;
        final Set<String> subjects;
        final Map<Long, Entry> entries = new HashMap<>();
        final ArrayDeque<Entry> ready = new ArrayDeque<>();
        final PriorityQueue<Timer> timed = new PriorityQueue<>(Comparator.comparingLong(Timer::dueAt));
        /** Entities with leased events, and which instance holds them (with how many leases). */
        final Map<String, Holder> holders = new HashMap<>();
        /** Refused entries whose count the pending row does not hold yet. */
        final Set<Entry> unwrittenCounts = new LinkedHashSet<>();
        /** Acknowledged entries whose pending row is not deleted yet (see {@link #acknowledge}). */
        final List<Long> unwrittenAcks = new ArrayList<>();
        long countsWrittenAt;
        boolean loaded;

        /** Signalled (under {@link #lock}) when the group's fetchers may find something new. */
        final Condition changed;

        GroupState(String name, Set<String> subjects, Condition changed) {
            this.name = name;
            this.changed = changed;
            this.subjects = new LinkedHashSet<>(subjects);
        }

        void enqueue(Entry entry) {
            if (entries.putIfAbsent(entry.seq, entry) == null) {
                ready.addLast(entry);
            }
        }

        /** Moves entries whose delay or lease ran out back to ready. */
        void promote(long now) {
            while (!timed.isEmpty() && timed.peek().dueAt() <= now) {
                Timer timer = timed.poll();
                Entry entry = timer.entry();
                if (timer.stamp() == entry.stamp && (entry.state == State.DELAYED || entry.state == State.LEASED)) {
                    releaseLease(entry);
                    entry.state = State.READY;
                    entry.stamp++;
                    ready.addLast(entry);
                }
            }
        }

        long nanosToNextDue(long now) {
            return timed.isEmpty() ? Long.MAX_VALUE : Math.max(0, timed.peek().dueAt() - now);
        }

        /** Leases an entry to a subscription until {@code dueAt}; its entity is then that subscription's. */
        void lease(Entry entry, Subscription holder, long dueAt) {
            setTimer(entry, State.LEASED, dueAt);
            entry.holder = holder;
            holders.computeIfAbsent(entry.entity, e -> new Holder(holder)).leases++;
        }

        /** Ends an entry's lease, if it has one; the entity is free again when none of its events is leased. */
        void releaseLease(Entry entry) {
            if (entry.holder == null) {
                return;
            }
            Holder holder = holders.get(entry.entity);
            if (holder != null && --holder.leases == 0) {
                holders.remove(entry.entity);
            }
            entry.holder = null;
        }

        /** Whether another subscription holds leases on the entry's entity. */
        boolean heldByAnother(Entry entry, Subscription subscription) {
            Holder holder = holders.get(entry.entity);
            return holder != null && holder.subscription != subscription;
        }

        /**
         * Sets the entry's one live timer. A timer is not taken out when its entry moves on (acknowledged, or timed
         * again); it would stay until due, holding its entry, and its event, for the ack wait (30 s by default): at
         * thousands of events a second, hundreds of thousands of events kept alive, copied by every young collection
         * of the heap (20-36 ms pauses in {@code replicate-latency}, 5-9 ms without them). Every live timer belongs
         * to an entry still in {@link #entries}, so once the timers outnumber twice those entries the stale ones are
         * dropped, in time proportional to what the timers added since.
         */
        void setTimer(Entry entry, State state, long dueAt) {
            entry.state = state;
            entry.stamp++;
            timed.add(new Timer(dueAt, entry, entry.stamp));
            if (timed.size() > 2 * entries.size() + STALE_TIMERS_KEPT) {
                timed.removeIf(Timer::stale);
            }
        }
    }

    /** The subscription holding leases on an entity's events, and how many. */
    private static final class Holder {
        final Subscription subscription;
        int leases;

        Holder(Subscription subscription) {
            this.subscription = subscription;
        }
    }

    /** When an entry in a given state (identified by its stamp) is due back in the ready queue. */
    private record Timer(long dueAt, Entry entry, int stamp) {

        /** Whether the entry has moved on since this timer was set: it is acknowledged, or timed again. */
        boolean stale() {
            return stamp != entry.stamp || (entry.state != State.DELAYED && entry.state != State.LEASED);
        }
    }

    private final class GroupSubscription implements Subscription {

        private final GroupState group;

        GroupSubscription(GroupState group) {
            this.group = group;
        }

        @Override
        public List<Delivery> fetch(int max, Duration maxWait) {
            long waitLeft = maxWait.toNanos();
            lock.lock();
            try {
                while (!closed) {
                    long now = ticker.read();
                    group.promote(now);
                    List<Delivery> out = new ArrayList<>();
                    List<Entry> skipped = new ArrayList<>();
                    while (out.size() < max && !group.ready.isEmpty() && skipped.size() < MAX_SKIPPED) {
                        Entry entry = group.ready.pollFirst();
                        if (entry.state != State.READY) {
                            continue;
                        }
                        if (entityAffinity && group.heldByAnother(entry, this)) {
                            // another instance is handling this entity's events: leave the rest to it, in order
                            skipped.add(entry);
                            continue;
                        }
                        entry.deliveries++;
                        group.lease(entry, this, now + ackWaitNanos);
                        out.add(new EmbeddedDelivery(entry, entry.stamp, entry.deliveries));
                    }
                    for (int i = skipped.size() - 1; i >= 0; i--) {
                        group.ready.addFirst(skipped.get(i));
                    }
                    if (!out.isEmpty() || waitLeft <= 0) {
                        return out;
                    }
                    long wait = Math.min(waitLeft, group.nanosToNextDue(now));
                    long before = System.nanoTime();
                    group.changed.awaitNanos(Math.max(wait, 1));
                    waitLeft -= System.nanoTime() - before;
                }
                return List.of();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return List.of();
            } finally {
                lock.unlock();
            }
        }

        @Override
        public long backlog() {
            lock.lock();
            try {
                return group.entries.size();
            } finally {
                lock.unlock();
            }
        }

        /** Deletes the group's pending rows of all these deliveries in one statement. */
        @Override
        public void ack(List<Delivery> deliveries) {
            List<Entry> mine = new ArrayList<>();
            for (Delivery d : deliveries) {
                if (d instanceof EmbeddedDelivery embedded && embedded.entry.group == group) {
                    mine.add(embedded.entry);
                } else {
                    d.ack();
                }
            }
            if (!mine.isEmpty()) {
                acknowledge(group, mine);
            }
        }
    }

    private final class EmbeddedDelivery implements Delivery {

        private final Entry entry;
        private final int lease;
        private final int deliveryCount;

        EmbeddedDelivery(Entry entry, int lease, int deliveryCount) {
            this.entry = entry;
            this.lease = lease;
            this.deliveryCount = deliveryCount;
        }

        @Override
        public EventEnvelope event() {
            return entry.event;
        }

        @Override
        public int deliveryCount() {
            return deliveryCount;
        }

        @Override
        public void ack() {
            acknowledge(entry.group, List.of(entry));
        }

        @Override
        public void nak(Duration delay) {
            boolean writeCounts;
            lock.lock();
            try {
                if (entry.state != State.LEASED || entry.stamp != lease) {
                    return;
                }
                long now = ticker.read();
                entry.group.releaseLease(entry);
                entry.group.setTimer(entry, State.DELAYED, now + delay.toNanos());
                entry.group.unwrittenCounts.add(entry);
                writeCounts = now - entry.group.countsWrittenAt >= COUNT_WRITE_INTERVAL_NANOS;
                entry.group.changed.signalAll();
            } finally {
                lock.unlock();
            }
            if (writeCounts) {
                writeUnwrittenCounts(entry.group);
            }
        }
    }
}
