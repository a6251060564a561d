package dev.boxoffice.simulator;

import java.time.Duration;

/**
 * The faults a simulation injects into the transport.
 *
 * @param duplicateRate chance that a delivery is made twice
 * @param delayRate     chance that a delivery is sent back to wait before anyone sees it
 * @param maxDelay      the longest such wait
 * @param reorder       whether fetched batches are shuffled
 */
public record Faults(double duplicateRate, double delayRate, Duration maxDelay, boolean reorder) {

    /** The settings in words, for the summary and the report. */
    public String describe() {
        return String.format(java.util.Locale.ROOT, "transport faults: %.0f %% of deliveries duplicated, %.0f %% held back "
                        + "up to %d ms, fetched batches %s", duplicateRate * 100, delayRate * 100, maxDelay.toMillis(),
                reorder ? "shuffled" : "kept in order");
    }
}
