/**
 * Boxoffice, an event-driven ticket-booking engine. Start at {@link dev.boxoffice.engine.BoxOffice}; every
 * refusal is a {@link dev.boxoffice.engine.BoxOfficeException}, and money is {@link dev.boxoffice.engine.Money}
 * in integer minor units. A missing or malformed argument to any public method is a
 * {@link dev.boxoffice.engine.ValidationException} naming it; a call after close is an
 * {@link java.lang.IllegalStateException}. Testing aids (a fault-injecting transport) are in
 * {@code dev.boxoffice.engine.testing}, not for production.
 */
package dev.boxoffice.engine;
