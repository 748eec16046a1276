package io.kevents.time;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * The real clock: wall time from the system, timers on one daemon thread.
 *
 * <p>Close it when the component that owns it shuts down; a closed clock still tells the time but ignores new
 * timers.
 */
public final class SystemClock implements Clock, AutoCloseable {

    private final ScheduledThreadPoolExecutor timers;

    /** Creates a clock whose timer thread carries {@code threadName}, to be recognisable in thread dumps. */
    public SystemClock(String threadName) {
        this.timers = new ScheduledThreadPoolExecutor(1, runnable -> {
            Thread thread = new Thread(runnable, threadName);
            thread.setDaemon(true);
            return thread;
        });
        // Cancelled retry and debounce timers are frequent; do not let them pile up in the queue.
        timers.setRemoveOnCancelPolicy(true);
    }

    /** Creates a clock with a generic timer thread name. */
    public SystemClock() {
        this("kevents-clock");
    }

    @Override
    public Instant now() {
        return Instant.now();
    }

    @Override
    public long nanoTime() {
        return System.nanoTime();
    }

    @Override
    public Timer schedule(Duration delay, Runnable task) {
        if (timers.isShutdown()) {
            return () -> false;
        }
        ScheduledFuture<?> future = timers.schedule(task, Math.max(0, delay.toNanos()), TimeUnit.NANOSECONDS);
        return () -> future.cancel(false);
    }

    @Override
    public void close() {
        timers.shutdownNow();
    }
}
