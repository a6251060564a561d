package dev.boxoffice.engine.internal.messaging;

import dev.boxoffice.engine.internal.storage.Rows;
import dev.boxoffice.engine.replication.OutOfOrderEventException;
import dev.boxoffice.engine.replication.VersionedReplica;
import java.util.function.IntSupplier;
import org.jdbi.v3.core.Handle;

/**
 * The versioned-replica rule on a service's copy of another service's entity: a table with a row per entity, keyed
 * by its id, holding the version last applied. Every replica applies an event the same way here, in one conditional
 * write in the usual case ({@link #apply}); what it writes is its own.
 */
public final class ReplicaVersions {

    /** The conditional write an event needs, by what the replica must hold for it to apply. */
    public enum Write {
        /** Version 0: no row yet ({@code INSERT ... ON CONFLICT DO NOTHING}). */
        FIRST,
        /** The version before it ({@code UPDATE ... WHERE version = :version - 1}). */
        NEXT,
        /** A snapshot: any older version, or no row ({@code ... ON CONFLICT DO UPDATE ... WHERE version <}). */
        SNAPSHOT;

        public static Write of(long version, boolean snapshot) {
            return snapshot ? SNAPSHOT : version == 0 ? FIRST : NEXT;
        }
    }

    private final String entity;
    private final String select;

    /**
     * @param entity what the rows are copies of, as refusals name it ({@code "order"}, {@code "ticket"})
     * @param table  the replica's table, with a {@code version} column
     * @param key    its column holding the entity's id
     */
    public ReplicaVersions(String entity, String table, String key) {
        this.entity = entity;
        this.select = "SELECT version FROM " + table + " WHERE " + key + " = :id";
    }

    /**
     * Applies an event: {@code write} writes its state on the condition its {@link Write} names and returns the rows
     * it wrote. Only when it wrote nothing is the version held read, to tell a duplicate (or an older snapshot),
     * dropped, from an event that came too early, refused. On PostgreSQL another transaction may commit the version
     * before between the two statements: the write is then tried again. Two instances applying one event at once
     * meet at the row: the second writes nothing and finds the version written.
     *
     * @return true if the event was applied (what it sets off may follow), false for one to drop
     * @throws OutOfOrderEventException for an event (not a snapshot) whose version before has not arrived
     */
    public boolean apply(Handle h, String id, long version, boolean snapshot, IntSupplier write) {
        for (int attempt = 1; ; attempt++) {
            if (write.getAsInt() == 1) {
                return true;
            }
            long held = held(h, id);
            if (!admits(id, held, version, snapshot)) {
                return false;
            }
            if (attempt == 3) {
                // the version before keeps being written under us: a failure, delivered again after a pause
                throw new IllegalStateException("The replica of " + entity + " " + id + " held version " + held
                        + " and still did not take version " + version + " after three writes");
            }
        }
    }

    /** The version held for the entity, {@link VersionedReplica#UNKNOWN} for one never seen. */
    long held(Handle h, String id) {
        return h.createQuery(select).bind("id", id).map(Rows.FIRST_LONG).findOne().orElse(VersionedReplica.UNKNOWN);
    }

    /**
     * Whether an event carrying {@code version} applies over {@code held}. An event applies only on the version
     * before it. A snapshot (the owner's answer to a gap repair) applies over any older version and is never
     * refused, since the owner sent the state as it stands.
     *
     * @return true to apply, false for a duplicate (or an older snapshot) to drop
     * @throws OutOfOrderEventException for an event (not a snapshot) whose version before has not arrived
     */
    boolean admits(String id, long held, long version, boolean snapshot) {
        return snapshot ? version > held : VersionedReplica.shouldApply(entity, id, held, version);
    }
}
