/**
 * The events services exchange: the {@link dev.boxoffice.engine.event.EventEnvelope envelope}, the
 * {@link dev.boxoffice.engine.event.Subject subjects} and one immutable payload record per subject.
 */
package dev.boxoffice.engine.event;
