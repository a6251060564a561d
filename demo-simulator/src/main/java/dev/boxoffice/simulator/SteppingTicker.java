package dev.boxoffice.simulator;

import dev.boxoffice.engine.bus.Ticker;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;

/** A bus ticker that the story moves by hand, so that redeliveries happen exactly when the story says. */
final class SteppingTicker implements Ticker {

    private final AtomicLong nanos = new AtomicLong(1_000_000_000L);

    void advance(Duration by) {
        nanos.addAndGet(by.toNanos());
    }

    @Override
    public long read() {
        return nanos.get();
    }
}
