package io.kevents.time;

import java.time.Duration;
import java.time.Instant;

/**
 * The source of time for everything in kevents that depends on it: event timestamps, series idle detection,
 * retry back-off, rate limits and TTLs.
 *
 * <p>Components never read {@code System.currentTimeMillis()} or sleep directly; they ask their injected
 * {@code Clock}. Production code uses {@link SystemClock}; tests use {@link ManualClock}, which only moves when
 * told to and runs due timers synchronously, so time-dependent behaviour is tested deterministically.
 */
public interface Clock {

    /** The current wall-clock instant (what is written into event timestamps). */
    Instant now();

    /** A monotonic reading in nanoseconds, only meaningful as a difference between two readings. */
    long nanoTime();

    /**
     * Runs {@code task} once after {@code delay}. Timers must be short: they typically hand work to a queue.
     *
     * @return a handle that cancels the timer if it has not run yet
     */
    Timer schedule(Duration delay, Runnable task);

    /** A scheduled task that can still be cancelled. */
    interface Timer {
        /** Cancels the task; returns {@code false} if it already ran or was cancelled. */
        boolean cancel();
    }
}
