package dev.boxoffice.engine.internal.messaging;

import java.util.concurrent.atomic.AtomicLong;

/** The engine-wide counter that positions every appended event in the event log. */
public final class LogSequence {

    private final AtomicLong last = new AtomicLong();

    /** Continues after {@code position} if it is beyond the current one (used when opening stores). */
    public void continueAfter(long position) {
        last.accumulateAndGet(position, Math::max);
    }

    long next() {
        return last.incrementAndGet();
    }
}
