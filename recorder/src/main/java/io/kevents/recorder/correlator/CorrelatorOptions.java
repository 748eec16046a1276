package io.kevents.recorder.correlator;

import java.time.Duration;

/**
 * Settings of the core/v1 {@link EventCorrelator}; the defaults are client-go's.
 *
 * @param cacheSize           entries in each of the aggregation, dedupe and spam caches (client-go: 4096)
 * @param aggregateMaxEvents  distinct messages of similar events within the window that turn further ones into a
 *                            "(combined from similar events)" event (client-go: 10)
 * @param aggregateWindow     sliding window for the above (client-go: 10 min)
 * @param spamFilterEnabled   whether the per source+object+type rate limit applies (client-go cannot turn it off)
 * @param spamBurst           writes allowed at once per source+object+type (client-go: 25)
 * @param spamRefillInterval  one more write allowed per this interval (client-go: 5 min)
 * @param spamKeyByType       whether Normal and Warning events about an object have separate budgets (client-go
 *                            v0.32 and later) or share one (earlier releases, e.g. the kubelet of Kubernetes 1.20)
 * @param partitions          threads correlating in parallel, each for its own share of the involved objects and
 *                            with its own caches of {@code cacheSize} (client-go: one); every key the correlator
 *                            uses includes the object, so the results per object are the same
 */
public record CorrelatorOptions(int cacheSize, int aggregateMaxEvents, Duration aggregateWindow,
                                boolean spamFilterEnabled, int spamBurst, Duration spamRefillInterval,
                                boolean spamKeyByType, int partitions) {

    /** The default number of correlating threads: two, which keeps a busy legacy recorder off one core. */
    public static final int DEFAULT_PARTITIONS = 2;

    public CorrelatorOptions {
        if (cacheSize < 1 || aggregateMaxEvents < 1 || spamBurst < 1 || partitions < 1) {
            throw new IllegalArgumentException(
                    "cache size, aggregate max events, spam burst and partitions must be positive");
        }
        if (aggregateWindow.isNegative() || spamRefillInterval.isNegative() || spamRefillInterval.isZero()) {
            throw new IllegalArgumentException("windows and intervals must be positive");
        }
    }

    /** client-go's defaults, correlated on {@link #DEFAULT_PARTITIONS} threads. */
    public static CorrelatorOptions defaults() {
        return new CorrelatorOptions(4096, 10, Duration.ofMinutes(10), true, 25, Duration.ofMinutes(5), true,
                DEFAULT_PARTITIONS);
    }

    /** These options without the spam filter. */
    public CorrelatorOptions withoutSpamFilter() {
        return new CorrelatorOptions(cacheSize, aggregateMaxEvents, aggregateWindow, false, spamBurst,
                spamRefillInterval, spamKeyByType, partitions);
    }

    /** These options with the spam budget kept per event type ({@code true}) or shared by all types. */
    public CorrelatorOptions withSpamKeyByType(boolean byType) {
        return new CorrelatorOptions(cacheSize, aggregateMaxEvents, aggregateWindow, spamFilterEnabled, spamBurst,
                spamRefillInterval, byType, partitions);
    }

    /** These options with {@code count} correlating threads. */
    public CorrelatorOptions withPartitions(int count) {
        return new CorrelatorOptions(cacheSize, aggregateMaxEvents, aggregateWindow, spamFilterEnabled, spamBurst,
                spamRefillInterval, spamKeyByType, count);
    }
}
