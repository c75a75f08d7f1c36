package im.meerkat.load;

import java.util.Arrays;

/** Percentiles of a set of latency samples in nanoseconds, printed in milliseconds. */
final class Percentiles {

    private final long[] sorted;

    Percentiles(long[] samples) {
        this.sorted = samples.clone();
        Arrays.sort(sorted);
    }

    double millis(double percentile) {
        if (sorted.length == 0) {
            return Double.NaN;
        }
        int index = (int) Math.ceil(percentile / 100.0 * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(sorted.length - 1, index))] / 1_000_000.0;
    }

    String table() {
        return String.format("samples %d  p50 %.3f ms  p90 %.3f ms  p99 %.3f ms  p99.9 %.3f ms  max %.3f ms",
                sorted.length, millis(50), millis(90), millis(99), millis(99.9), millis(100));
    }
}
