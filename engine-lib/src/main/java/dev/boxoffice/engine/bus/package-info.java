/**
 * The event bus: the {@link dev.boxoffice.engine.bus.Transport} service provider interface that carries events
 * between services, and the operator's view of {@link dev.boxoffice.engine.bus.DeadLetters dead letters}.
 * The transactional outbox, the relay and the consumers that sit on a transport are internal.
 */
package dev.boxoffice.engine.bus;
