package dev.boxoffice.simulator.bench;

import java.util.Arrays;

/**
 * One benchmark row: the engine's figure and its baseline's, both medians of repeated runs in the same process,
 * with the spread of the engine's runs.
 */
public record Figure(String name, double engine, double baseline, String unit, double[] engineRuns,
                     String target, boolean higherIsBetter, double targetValue) {

    /** A figure this machine cannot measure, with the reason (and what to do) in place of the target. */
    public static Figure unavailable(String name, String unit, String reason) {
        return new Figure(name, Double.NaN, Double.NaN, unit, new double[0], reason, true, Double.NaN);
    }

    /** A figure with no target to meet, only a comparison to show: {@code what} says what the ratio is. */
    public static Figure informational(String name, double engine, double baseline, String unit, double[] runs,
                                       String what) {
        return new Figure(name, engine, baseline, unit, runs, "none: " + what, true, Double.NaN);
    }

    /** Whether the figure has a target (an informational one has none). */
    public boolean hasTarget() {
        return !Double.isNaN(targetValue);
    }

    /** engine / baseline, or NaN without a baseline. */
    public double ratio() {
        return Double.isNaN(baseline) ? Double.NaN : engine / baseline;
    }

    /** Whether the target is met: the ratio (or, without a baseline, the absolute figure) against it. */
    public boolean met() {
        double value = Double.isNaN(baseline) ? engine : ratio();
        return higherIsBetter ? value >= targetValue : value <= targetValue;
    }

    /** min–max of the engine's runs. */
    public String spread() {
        double min = Arrays.stream(engineRuns).min().orElse(Double.NaN);
        double max = Arrays.stream(engineRuns).max().orElse(Double.NaN);
        return format(min) + "–" + format(max);
    }

    static String format(double v) {
        if (Double.isNaN(v)) {
            return "—";
        }
        return v >= 100 ? String.format(java.util.Locale.ROOT, "%,.0f", v)
                : String.format(java.util.Locale.ROOT, "%.2f", v);
    }

    static double median(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        int n = sorted.length;
        return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
    }
}
