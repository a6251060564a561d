package dev.boxoffice.engine.bus;

/**
 * A source of monotonic nanoseconds for the bus's own timers (ack wait, redelivery delays), kept apart from the
 * engine's business {@link java.time.Clock} so that tests can freeze or advance either one.
 */
@FunctionalInterface
public interface Ticker {

    /** Nanoseconds from an arbitrary origin; only differences mean anything. */
    long read();

    /** The JVM's monotonic clock. */
    static Ticker system() {
        return System::nanoTime;
    }
}
