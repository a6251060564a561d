/** The tickets service's public face: {@link dev.boxoffice.engine.ticket.Tickets}, its records and refusals. */
package dev.boxoffice.engine.ticket;
