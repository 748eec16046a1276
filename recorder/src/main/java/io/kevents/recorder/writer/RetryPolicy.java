package io.kevents.recorder.writer;

import io.kevents.recorder.sink.SinkException;
import java.time.Duration;
import java.util.Optional;
import java.util.Set;
import java.util.function.DoubleSupplier;

/**
 * Which failed writes are retried, and after how long.
 *
 * <p>Retried: failures without an HTTP answer (connection refused, timeouts) and the statuses that say "later"
 * (429, 500, 502, 503, 504). Not retried: every other status, notably 400, 403, 404, 409 and 422, which retrying
 * cannot change. The delay before retry {@code n} (1-based) is the server's {@code Retry-After} when it sent one,
 * otherwise "full jitter": uniformly random in {@code [0, min(maxBackoff, initialBackoff × 2^(n-1))]}, so that
 * many recorders failing together do not retry together.
 *
 * @param maxAttempts    attempts per write, including the first (client-go: 12)
 * @param initialBackoff cap of the first retry delay
 * @param maxBackoff     cap of any retry delay
 * @param random         uniform source in [0, 1)
 */
public record RetryPolicy(int maxAttempts, Duration initialBackoff, Duration maxBackoff, DoubleSupplier random) {

    private static final Set<Integer> RETRYABLE_STATUSES = Set.of(429, 500, 502, 503, 504);

    public RetryPolicy {
        if (maxAttempts < 1) {
            throw new IllegalArgumentException("maxAttempts must be at least 1");
        }
        if (initialBackoff.isNegative() || maxBackoff.compareTo(initialBackoff) < 0) {
            throw new IllegalArgumentException("need 0 <= initialBackoff <= maxBackoff");
        }
    }

    /** 12 attempts, the first retry within 1 s, later ones within 60 s at most. */
    public static RetryPolicy defaults() {
        return new RetryPolicy(12, Duration.ofSeconds(1), Duration.ofSeconds(60),
                () -> java.util.concurrent.ThreadLocalRandom.current().nextDouble());
    }

    /** Whether retrying can help with {@code failure}. */
    public boolean isRetryable(SinkException failure) {
        return failure.status() == SinkException.TRANSPORT || RETRYABLE_STATUSES.contains(failure.status());
    }

    /**
     * The delay before retrying after the {@code failures}-th consecutive failure, or empty when the write
     * should be given up.
     */
    public Optional<Duration> delayAfter(SinkException failure, int failures) {
        if (!isRetryable(failure) || failures >= maxAttempts) {
            return Optional.empty();
        }
        Optional<Duration> requested = failure.retryAfter();
        if (requested.isPresent()) {
            return requested;
        }
        long cap = initialBackoff.toNanos();
        for (int i = 1; i < failures && cap < maxBackoff.toNanos(); i++) {
            cap *= 2;
        }
        cap = Math.min(cap, maxBackoff.toNanos());
        return Optional.of(Duration.ofNanos((long) (random.getAsDouble() * cap)));
    }
}
