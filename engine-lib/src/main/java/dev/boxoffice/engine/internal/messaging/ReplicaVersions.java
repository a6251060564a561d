package dev.boxoffice.engine.internal.messaging;

import dev.boxoffice.engine.internal.storage.Rows;
import dev.boxoffice.engine.replication.OutOfOrderEventException;
import dev.boxoffice.engine.replication.VersionedReplica;
import org.jdbi.v3.core.Handle;

/**
 * The versioned-replica rule on a service's copy of another service's entity: a table with a row per entity, keyed
 * by its id, holding the version last applied. Every replica reads the version held and decides the same way here;
 * what it then writes is its own.
 */
public final class ReplicaVersions {

    private final String entity;
    private final String select;

    /**
     * @param entity what the rows are copies of, as refusals name it ({@code "order"}, {@code "ticket"})
     * @param table  the replica's table, with a {@code version} column
     * @param key    its column holding the entity's id
     * @param lock   {@code ""}, or the dialect's {@code FOR UPDATE} where the transaction writes the row it read
     */
    public ReplicaVersions(String entity, String table, String key, String lock) {
        this.entity = entity;
        this.select = "SELECT version FROM " + table + " WHERE " + key + " = :id" + lock;
    }

    /** The version held for the entity, {@link VersionedReplica#UNKNOWN} for one never seen. */
    public long held(Handle h, String id) {
        return h.createQuery(select).bind("id", id).map(Rows.FIRST_LONG).findOne().orElse(VersionedReplica.UNKNOWN);
    }

    /** Reads the version held and decides, as {@link #admits(String, long, long, boolean)}. */
    public boolean admits(Handle h, String id, long version, boolean snapshot) {
        return admits(id, held(h, id), version, snapshot);
    }

    /**
     * Whether an event carrying {@code version} applies over {@code held}. An event applies only on the version
     * before it. A snapshot (the owner's answer to a gap repair) applies over any older version and is never
     * refused, since the owner sent the state as it stands.
     *
     * @return true to apply, false for a duplicate (or an older snapshot) to drop
     * @throws OutOfOrderEventException for an event (not a snapshot) whose version before has not arrived
     */
    public boolean admits(String id, long held, long version, boolean snapshot) {
        return snapshot ? version > held : VersionedReplica.shouldApply(entity, id, held, version);
    }
}
