package dev.boxoffice.engine.internal.messaging;

import com.fasterxml.uuid.UUIDClock;
import com.fasterxml.uuid.impl.TimeBasedEpochGenerator;
import java.security.SecureRandom;
import java.time.Clock;

/**
 * Event ids in the order events are appended: time-ordered UUIDs (version 7, RFC 9562) from the engine's clock,
 * counting up within a millisecond. Every store keys something by event id (the log's index of what it holds,
 * each service's inbox): a new id then lands at the end of that index, one page written for a whole batch, where
 * a random id lands on a page of its own in an index that grows with retention. The 74 random bits drawn each
 * millisecond keep ids of several processes apart.
 */
final class EventIds {

    private final TimeBasedEpochGenerator generator;

    EventIds(Clock clock) {
        this.generator = new TimeBasedEpochGenerator(new SecureRandom(), new UUIDClock() {
            @Override
            public long currentTimeMillis() {
                return clock.millis();
            }
        });
    }

    String next() {
        return generator.generate().toString();
    }
}
