package dev.boxoffice.engine.event;

import dev.boxoffice.engine.ValidationException;

/**
 * A filter on the event log; null fields match everything.
 *
 * @param subject     a subject's wire name, e.g. {@code "ticket:updated"}
 * @param aggregateId the entity the events are about
 * @param limit       at most this many events (the oldest matching ones), 1 to 10,000
 */
public record EventQuery(String subject, String aggregateId, int limit) {

    /** The largest accepted limit. */
    public static final int MAX_LIMIT = 10_000;

    public EventQuery {
        if (limit < 1 || limit > MAX_LIMIT) {
            throw new ValidationException("limit", "limit must be between 1 and " + MAX_LIMIT + ", was " + limit);
        }
    }

    /** Every event, up to {@code limit}. */
    public static EventQuery all(int limit) {
        return new EventQuery(null, null, limit);
    }
}
