/**
 * Boxoffice, an event-driven ticket-booking engine. Start at {@link dev.boxoffice.engine.BoxOffice}; every
 * refusal is a {@link dev.boxoffice.engine.BoxOfficeException}, and money is {@link dev.boxoffice.engine.Money}
 * in integer minor units.
 */
package dev.boxoffice.engine;
