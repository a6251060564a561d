/**
 * Several engines (nodes) sharing one database and one transport: who they are and what they do. Duties that one
 * node does at a time (relaying each outbox, firing expiry timers, settling payments) are held under leases that
 * another node takes over when the holder dies.
 */
package dev.boxoffice.engine.cluster;
