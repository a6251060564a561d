/**
 * Versioned replication, the point of the original application: the
 * {@link dev.boxoffice.engine.replication.VersionedReplica rule} a replica applies to each event, the exception
 * that refuses an out-of-order event, and the {@link dev.boxoffice.engine.replication.ReplicaCounters counters}
 * each replica instance keeps.
 */
package dev.boxoffice.engine.replication;
