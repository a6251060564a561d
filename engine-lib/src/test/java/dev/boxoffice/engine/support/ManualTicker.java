package dev.boxoffice.engine.support;

import dev.boxoffice.engine.bus.Ticker;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;

/** A bus ticker that stands still until a test advances it. */
public final class ManualTicker implements Ticker {

    private final AtomicLong nanos = new AtomicLong(1_000_000_000L);

    public void advance(Duration by) {
        nanos.addAndGet(by.toNanos());
    }

    @Override
    public long read() {
        return nanos.get();
    }
}
