package dev.boxoffice.engine.bus;

import dev.boxoffice.engine.event.EventEnvelope;
import java.time.Instant;

/**
 * An event a consumer group gave up on after its maximum number of deliveries. It stays here, untouched, until
 * an operator retries it.
 *
 * @param id         id of this dead letter (not of the event)
 * @param group      the consumer group that gave up
 * @param event      the event
 * @param deliveries how many times it was delivered or retried
 * @param reason     why the last attempt failed, for a person
 * @param deadAt     when it was set aside (engine clock)
 */
public record DeadLetter(String id, String group, EventEnvelope event, int deliveries, String reason,
                         Instant deadAt) {
}
