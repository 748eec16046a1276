package io.kevents.bench.storage;

import io.kevents.time.Clock;
import io.kevents.time.SystemClock;

import java.time.Duration;
import java.time.Instant;

/**
 * Real time plus an offset that the benchmark can jump forward, to make a million TTLs fall due at once without
 * waiting an hour. Timers run in real time.
 */
final class OffsetClock implements Clock, AutoCloseable {

    private final SystemClock system = new SystemClock("bench-clock");
    private volatile Duration offset = Duration.ZERO;

    void jump(Duration by) {
        offset = offset.plus(by);
    }

    @Override
    public Instant now() {
        return system.now().plus(offset);
    }

    @Override
    public long nanoTime() {
        return system.nanoTime();
    }

    @Override
    public Timer schedule(Duration delay, Runnable task) {
        return system.schedule(delay, task);
    }

    @Override
    public void close() {
        system.close();
    }
}
