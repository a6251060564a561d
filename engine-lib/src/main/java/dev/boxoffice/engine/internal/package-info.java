/**
 * The engine's implementation: storage, the outbox, the embedded transport, the consumer runtime and the
 * services. No compatibility promise: anything here may change in any release. Use
 * {@link dev.boxoffice.engine.BoxOffice} instead.
 */
package dev.boxoffice.engine.internal;
