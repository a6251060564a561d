package dev.boxoffice.engine.internal.messaging;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The failures of one background loop (a relay, a consumer instance) in a row: reported once when they begin and
 * once when the loop works again, not once per attempt, with a retry delay that doubles from 10 ms up to 2 s.
 * Used by one thread.
 */
final class Outage {

    private static final Logger LOG = LoggerFactory.getLogger(Outage.class);
    static final long FIRST_BACKOFF_NANOS = 10_000_000L;
    static final long MAX_BACKOFF_NANOS = 2_000_000_000L;

    /** Told when a run of failures begins and when the loop succeeds again. */
    interface Report {
        void began(String loop, RuntimeException failure);

        void ended(String loop, int failedAttempts);

        /** A warning when an outage begins, a line when it ends. */
        Report LOG_LINES = new Report() {
            @Override
            public void began(String loop, RuntimeException failure) {
                LOG.warn("{} failed, retrying with a backoff of up to {} s until it works: {}", loop,
                        MAX_BACKOFF_NANOS / 1_000_000_000L, failure.toString());
            }

            @Override
            public void ended(String loop, int failedAttempts) {
                LOG.info("{} works again, after {} failed attempts", loop, failedAttempts);
            }
        };
    }

    private final String loop;
    private final Report report;
    private int failures;
    private long backoff = FIRST_BACKOFF_NANOS;

    Outage(String loop, Report report) {
        this.loop = loop;
        this.report = report;
    }

    /** Records a failed attempt; returns how long to wait before the next one. */
    long failed(RuntimeException failure) {
        if (failures++ == 0) {
            report.began(loop, failure);
        } else {
            LOG.debug("{} failed again (attempt {}): {}", loop, failures, failure.toString());
        }
        long wait = backoff;
        backoff = Math.min(MAX_BACKOFF_NANOS, backoff * 2);
        return wait;
    }

    /** Records a successful attempt, ending the outage if there was one. */
    void succeeded() {
        if (failures > 0) {
            report.ended(loop, failures);
            failures = 0;
            backoff = FIRST_BACKOFF_NANOS;
        }
    }
}
