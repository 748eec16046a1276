package io.kevents.recorder.correlator;


/**
 * Limits how often one source may write about one object (per event type, or for all types together as before
 * client-go v0.32), as client-go's
 * {@code EventSourceObjectSpamFilter}: a token bucket per key, 25 at once and one per 5 minutes by default.
 * Occurrences held back still count: the correlator has already added them to their event's count, which the
 * next allowed write carries.
 */
final class SpamFilter {

    private final LruCache<Object, TokenBucket> buckets;
    private final boolean enabled;
    private final boolean byType;
    private final int burst;
    private final long refillNanos;

    SpamFilter(CorrelatorOptions options) {
        this.buckets = new LruCache<>(options.cacheSize());
        this.enabled = options.spamFilterEnabled();
        this.byType = options.spamKeyByType();
        this.burst = options.spamBurst();
        this.refillNanos = options.spamRefillInterval().toNanos();
    }

    /** Whether an event with this source, object and type may be written now. */
    boolean allows(CorrelationKeys.Spam key, long nowNanos) {
        if (!enabled) {
            return true;
        }
        Object bucketKey = byType ? key : new CorrelationKeys.SourceObject(key);
        TokenBucket bucket = buckets.get(bucketKey);
        if (bucket == null) {
            bucket = new TokenBucket(burst, refillNanos, nowNanos);
            buckets.put(bucketKey, bucket);
        }
        return bucket.tryTake(nowNanos);
    }
}
