package io.kevents.storage.mvcc;

import java.time.Duration;

/**
 * Tuning of an {@link MvccStore}. The defaults suit an API server; tests shorten the intervals.
 *
 * @param maxBatchWrites     most writes applied and committed together by the group-commit writer
 * @param writeQueueCapacity writes waiting for the writer before new ones are refused as overload
 * @param reapInterval       how often the TTL reaper looks for expired keys when it found none last time
 * @param reapChunk          most expired keys deleted per commit; one chunk at a time rides along with the
 *                           callers' writes, so expiry never holds them up for long
 * @param compactionInterval automatic compaction: every interval, history older than one interval is discarded (as
 *                           the Kubernetes API server compacts etcd every 5 minutes); {@link Duration#ZERO} disables
 *                           it, leaving compaction to {@link MvccStore#compact(long)}
 * @param compactionChunk    most revisions discarded per commit, for the same reason as {@code reapChunk}
 * @param progressInterval   how often idle watches get {@code onProgress}; {@link Duration#ZERO} disables it
 * @param watchBufferEvents  events buffered for one watch before it falls back to reading the log itself, so a
 *                           slow watcher costs disk reads, not memory
 * @param watchBatchInterval least time between two deliveries to one watch: changes arriving sooner wait and go
 *                           together (a change after a quiet spell goes at once); {@link Duration#ZERO}: no wait
 */
public record MvccOptions(int maxBatchWrites, int writeQueueCapacity, Duration reapInterval, int reapChunk,
                          Duration compactionInterval, int compactionChunk, Duration progressInterval,
                          int watchBufferEvents, Duration watchBatchInterval) {

    /** The defaults. */
    public static final MvccOptions DEFAULTS = new MvccOptions(1024, 65_536, Duration.ofSeconds(1), 256,
            Duration.ofMinutes(5), 512, Duration.ofSeconds(5), 10_000, Duration.ofMillis(25));

    public MvccOptions {
        if (maxBatchWrites < 1 || writeQueueCapacity < 1 || reapChunk < 1 || compactionChunk < 1
                || watchBufferEvents < 1) {
            throw new IllegalArgumentException("sizes must be positive");
        }
        if (reapInterval.isNegative() || reapInterval.isZero() || compactionInterval.isNegative()
                || progressInterval.isNegative() || watchBatchInterval.isNegative()) {
            throw new IllegalArgumentException("reapInterval must be positive, other intervals not negative");
        }
    }

    /** These options with automatic compaction every {@code interval} ({@link Duration#ZERO}: off). */
    public MvccOptions withCompactionInterval(Duration interval) {
        return new MvccOptions(maxBatchWrites, writeQueueCapacity, reapInterval, reapChunk, interval,
                compactionChunk, progressInterval, watchBufferEvents, watchBatchInterval);
    }

    /** These options with the TTL reaper looking every {@code interval}. */
    public MvccOptions withReapInterval(Duration interval) {
        return new MvccOptions(maxBatchWrites, writeQueueCapacity, interval, reapChunk, compactionInterval,
                compactionChunk, progressInterval, watchBufferEvents, watchBatchInterval);
    }

    /** These options with progress notifications every {@code interval} ({@link Duration#ZERO}: off). */
    public MvccOptions withProgressInterval(Duration interval) {
        return new MvccOptions(maxBatchWrites, writeQueueCapacity, reapInterval, reapChunk, compactionInterval,
                compactionChunk, interval, watchBufferEvents, watchBatchInterval);
    }

    /** These options with a different per-watch buffer. */
    public MvccOptions withWatchBufferEvents(int events) {
        return new MvccOptions(maxBatchWrites, writeQueueCapacity, reapInterval, reapChunk, compactionInterval,
                compactionChunk, progressInterval, events, watchBatchInterval);
    }

    /** These options with a different least time between two deliveries to one watch. */
    public MvccOptions withWatchBatchInterval(Duration interval) {
        return new MvccOptions(maxBatchWrites, writeQueueCapacity, reapInterval, reapChunk, compactionInterval,
                compactionChunk, progressInterval, watchBufferEvents, interval);
    }
}
