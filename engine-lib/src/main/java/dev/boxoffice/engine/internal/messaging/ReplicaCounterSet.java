package dev.boxoffice.engine.internal.messaging;

import dev.boxoffice.engine.replication.ReplicaCounters;
import java.util.concurrent.atomic.AtomicLong;

/** The live counters of one consumer instance. */
final class ReplicaCounterSet {

    final String id;
    final String group;
    final String node;
    final AtomicLong delivered = new AtomicLong();
    final AtomicLong applied = new AtomicLong();
    final AtomicLong duplicates = new AtomicLong();
    final AtomicLong outOfOrderRefused = new AtomicLong();
    final AtomicLong redelivered = new AtomicLong();
    final AtomicLong deadLettered = new AtomicLong();
    final AtomicLong gapRepairs = new AtomicLong();

    ReplicaCounterSet(String id, String group, String node) {
        this.id = id;
        this.group = group;
        this.node = node;
    }

    ReplicaCounters snapshot() {
        return new ReplicaCounters(id, group, node, delivered.get(), applied.get(), duplicates.get(),
                outOfOrderRefused.get(), redelivered.get(), deadLettered.get(), gapRepairs.get());
    }
}
