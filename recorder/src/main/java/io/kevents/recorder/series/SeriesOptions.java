package io.kevents.recorder.series;

import java.time.Duration;

/**
 * How events.k8s.io/v1 series are kept and written.
 *
 * <p>client-go writes a series' count only at the 2nd occurrence, then every 30 minutes, and once more after 6
 * idle minutes, so {@code kubectl describe} can show "x2" for half an hour while the event repeats thousands of
 * times. kevents keeps the same create/patch shape and also writes:
 * <ul>
 *   <li>when the count has doubled since the last write ({@code exponential}), but not sooner than
 *       {@code minInterval} after it, so a storm costs a handful of writes per series, not one per occurrence;</li>
 *   <li>when the written count has been behind for {@code maxStaleness}, so a slowly repeating event is never
 *       shown stale for long.</li>
 * </ul>
 *
 * @param finishAfter  a series idle this long gets its final count written and is forgotten (client-go: 6 min);
 *                     a single event is forgotten after the same time
 * @param refreshEvery every open series is re-written this often, refreshing its TTL (client-go: 30 min)
 * @param minInterval  shortest time between two writes of one series, except the 2nd occurrence's write
 * @param maxStaleness longest time a series' written count may lag behind; {@link Duration#ZERO} turns this off
 * @param exponential  whether to write when the count has doubled since the last write
 */
public record SeriesOptions(Duration finishAfter, Duration refreshEvery, Duration minInterval, Duration maxStaleness,
                            boolean exponential) {

    public SeriesOptions {
        if (finishAfter.isNegative() || finishAfter.isZero() || refreshEvery.isNegative() || refreshEvery.isZero()) {
            throw new IllegalArgumentException("finishAfter and refreshEvery must be positive");
        }
        if (minInterval.isNegative() || maxStaleness.isNegative()) {
            throw new IllegalArgumentException("minInterval and maxStaleness must not be negative");
        }
    }

    /** kevents' defaults: finish 6 min, refresh 30 min, write on doubling at most once a second, lag ≤ 10 s. */
    public static SeriesOptions defaults() {
        return new SeriesOptions(Duration.ofMinutes(6), Duration.ofMinutes(30), Duration.ofSeconds(1),
                Duration.ofSeconds(10), true);
    }

    /** Exactly client-go's schedule: writes at the 2nd occurrence, every 30 min, and after 6 idle minutes. */
    public static SeriesOptions clientGo() {
        return new SeriesOptions(Duration.ofMinutes(6), Duration.ofMinutes(30), Duration.ZERO, Duration.ZERO, false);
    }
}
