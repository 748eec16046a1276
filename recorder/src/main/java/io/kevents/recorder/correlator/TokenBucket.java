package io.kevents.recorder.correlator;

/**
 * A token bucket that starts full: {@code burst} takes at once, then one more every {@code refillNanos}. Time is
 * passed in by the caller (the injected clock's monotonic reading). Not thread-safe.
 */
final class TokenBucket {

    private final int burst;
    private final long refillNanos;
    private double tokens;
    private long lastNanos;

    TokenBucket(int burst, long refillNanos, long nowNanos) {
        this.burst = burst;
        this.refillNanos = refillNanos;
        this.tokens = burst;
        this.lastNanos = nowNanos;
    }

    /** Takes a token if one is available. */
    boolean tryTake(long nowNanos) {
        if (nowNanos > lastNanos) {
            tokens = Math.min(burst, tokens + (double) (nowNanos - lastNanos) / refillNanos);
            lastNanos = nowNanos;
        }
        if (tokens >= 1) {
            tokens -= 1;
            return true;
        }
        return false;
    }
}
