package dev.boxoffice.engine.order;

import dev.boxoffice.engine.Money;

/**
 * The orders service's copy of a ticket, kept up to date from ticket events under the versioned-replica rule.
 *
 * @param id      the ticket's id
 * @param title   its title at {@code version}
 * @param price   its price at {@code version}
 * @param userId  its seller
 * @param version the last version applied
 */
public record TicketReplica(String id, String title, Money price, String userId, long version) {
}
