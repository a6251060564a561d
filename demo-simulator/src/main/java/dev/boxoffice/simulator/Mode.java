package dev.boxoffice.simulator;

/** Whether the order replicas check versions. */
public enum Mode {
    /** Optimistic concurrency control: out-of-order events are refused and redelivered. */
    VERSIONED,
    /** No version check: every event is applied as it arrives (what goes wrong without versions). */
    NAIVE
}
