package io.kevents.bench.apiserver;

/**
 * Latencies in fixed 50 µs buckets up to 60 s, for one thread: recording costs an array increment, so a harness
 * can record millions of deliveries a second without becoming what it measures. Merge per-thread histograms
 * with {@link #add(LatencyHistogram)} before reading percentiles.
 */
final class LatencyHistogram {

    private static final long BUCKET_NANOS = 50_000;
    private static final int BUCKETS = 1_200_000;

    private final long[] counts = new long[BUCKETS];
    private long total;
    private long maxNanos;

    void record(long nanos) {
        int bucket = (int) Math.min(BUCKETS - 1, Math.max(0, nanos) / BUCKET_NANOS);
        counts[bucket]++;
        total++;
        maxNanos = Math.max(maxNanos, nanos);
    }

    void add(LatencyHistogram other) {
        for (int i = 0; i < BUCKETS; i++) {
            counts[i] += other.counts[i];
        }
        total += other.total;
        maxNanos = Math.max(maxNanos, other.maxNanos);
    }

    /** The upper edge of the bucket holding the {@code quantile} latency, in milliseconds; NaN when empty. */
    double percentileMillis(double quantile) {
        if (total == 0) {
            return Double.NaN;
        }
        long rank = (long) Math.ceil(quantile * total);
        long seen = 0;
        for (int i = 0; i < BUCKETS; i++) {
            seen += counts[i];
            if (seen >= rank) {
                return (i + 1) * BUCKET_NANOS / 1e6;
            }
        }
        return maxMillis();
    }

    double maxMillis() {
        return total == 0 ? Double.NaN : maxNanos / 1e6;
    }
}
