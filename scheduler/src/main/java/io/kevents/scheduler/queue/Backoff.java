package io.kevents.scheduler.queue;

import java.time.Duration;

/**
 * How long a pod waits before its next attempt: {@code initial × 2^(attempts − 1)}, at most {@code max}
 * (Kubernetes: 1 s doubling to 10 s, so 1, 2, 4, 8, 10, 10, ... seconds).
 *
 * @param initial the wait after the first failed attempt
 * @param max     the longest wait
 */
public record Backoff(Duration initial, Duration max) {

    /** Kubernetes' defaults: 1 s, at most 10 s. */
    public static final Backoff DEFAULT = new Backoff(Duration.ofSeconds(1), Duration.ofSeconds(10));

    public Backoff {
        if (initial.isNegative() || max.compareTo(initial) < 0) {
            throw new IllegalArgumentException("need 0 <= initial <= max, got " + initial + ", " + max);
        }
    }

    /** The wait after {@code attempts} attempts; zero before the first. */
    public Duration after(int attempts) {
        if (attempts <= 0) {
            return Duration.ZERO;
        }
        long nanos = initial.toNanos();
        long maxNanos = max.toNanos();
        for (int i = 1; i < attempts && nanos < maxNanos; i++) {
            nanos *= 2;
        }
        return Duration.ofNanos(Math.min(nanos, maxNanos));
    }
}
