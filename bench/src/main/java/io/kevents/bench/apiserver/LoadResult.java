package io.kevents.bench.apiserver;

import java.util.Arrays;

/**
 * What one closed-loop load run measured.
 *
 * @param requests  completed requests in the measured window
 * @param errors    failed requests (non-2xx or transport)
 * @param seconds   length of the measured window
 * @param latencies per-request latencies in nanoseconds (sorted)
 */
record LoadResult(long requests, long errors, double seconds, long[] latencies) {

    double perSecond() {
        return requests / seconds;
    }

    double percentileMillis(double p) {
        if (latencies.length == 0) {
            return Double.NaN;
        }
        return latencies[Math.min(latencies.length - 1, (int) (latencies.length * p))] / 1e6;
    }

    static long[] sorted(long[] values, int count) {
        long[] copy = Arrays.copyOf(values, count);
        Arrays.sort(copy);
        return copy;
    }
}
