package io.kevents.recorder.series;

/**
 * Decides when a series' count is written next (see {@link SeriesOptions}). A pure function of the series'
 * counters and the time, so it is tested without threads.
 */
final class SeriesUpdatePolicy {

    /** Returned by {@link #nextWriteAt} when only the periodic refresh or the final write will write. */
    static final long ONLY_PERIODIC = Long.MAX_VALUE;

    private final long minIntervalNanos;
    private final long maxStalenessNanos;
    private final boolean exponential;

    SeriesUpdatePolicy(SeriesOptions options) {
        this.minIntervalNanos = options.minInterval().toNanos();
        this.maxStalenessNanos = options.maxStaleness().toNanos();
        this.exponential = options.exponential();
    }

    /**
     * When the series should next be written, on the clock's monotonic scale: {@code nowNanos} (or earlier) means
     * now, {@link #ONLY_PERIODIC} means not before the next refresh or the final write.
     *
     * @param count          occurrences recorded
     * @param writtenCount   occurrences last written successfully (0 before the create succeeded)
     * @param lastWriteNanos when that write finished
     */
    long nextWriteAt(int count, int writtenCount, long lastWriteNanos, long nowNanos) {
        if (count <= writtenCount) {
            return ONLY_PERIODIC;
        }
        if (writtenCount == 0 || count == 2) {
            // Not created yet (the pending create will carry the count), or the 2nd occurrence: client-go writes
            // it at once so that users learn quickly that the event repeats.
            return nowNanos;
        }
        long due = ONLY_PERIODIC;
        if (exponential && count >= 2L * writtenCount) {
            due = Math.min(due, lastWriteNanos + minIntervalNanos);
        }
        if (maxStalenessNanos > 0) {
            due = Math.min(due, lastWriteNanos + Math.max(maxStalenessNanos, minIntervalNanos));
        }
        return due;
    }
}
