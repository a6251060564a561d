package dev.boxoffice.simulator;

import java.util.concurrent.locks.LockSupport;

/** Waiting for a point in time, as loads that keep a pace need to. */
public final class Pacing {

    private Pacing() {
    }

    /**
     * Returns once {@link System#nanoTime()} has reached {@code nanoTime}. {@link LockSupport#parkNanos} may return
     * early (on a permit another thread left, say one of the engine's hand-offs), so one call does not hold a pace:
     * {@code bench replicate-latency} once ran at about twice the rate it named that way.
     */
    public static void waitUntil(long nanoTime) {
        for (long left = nanoTime - System.nanoTime(); left > 0; left = nanoTime - System.nanoTime()) {
            LockSupport.parkNanos(left);
        }
    }
}
