package io.kevents.time;

import java.time.Duration;
import java.time.Instant;
import java.util.PriorityQueue;

/**
 * A clock for tests: time stands still until {@link #advance(Duration)} moves it, and timers that fall due run
 * synchronously, in due order, on the thread that advances the clock.
 *
 * <p>Thread-safe: production code may read it and schedule on it from any thread.
 */
public final class ManualClock implements Clock {

    private final PriorityQueue<ScheduledTask> tasks = new PriorityQueue<>();
    private Instant now;
    private long nanos;
    private long sequence;

    /** Starts the clock at {@code start}. */
    public ManualClock(Instant start) {
        this.now = start;
    }

    /** Starts the clock at a fixed, recognisable instant (2021-09-15T11:13:20Z, the seed's pod start time). */
    public ManualClock() {
        this(Instant.parse("2021-09-15T11:13:20Z"));
    }

    @Override
    public synchronized Instant now() {
        return now;
    }

    @Override
    public synchronized long nanoTime() {
        return nanos;
    }

    @Override
    public synchronized Timer schedule(Duration delay, Runnable task) {
        ScheduledTask scheduled = new ScheduledTask(nanos + Math.max(0, delay.toNanos()), sequence++, task);
        tasks.add(scheduled);
        return () -> {
            synchronized (ManualClock.this) {
                return tasks.remove(scheduled);
            }
        };
    }

    /**
     * Moves time forward by {@code step}, running every timer that falls due on the way, each at its own due time
     * (so a timer that schedules another timer within the step sees it run too).
     */
    public void advance(Duration step) {
        long target;
        synchronized (this) {
            target = nanos + step.toNanos();
        }
        while (true) {
            ScheduledTask due;
            synchronized (this) {
                ScheduledTask next = tasks.peek();
                if (next == null || next.dueNanos > target) {
                    moveTo(target);
                    return;
                }
                due = tasks.poll();
                moveTo(due.dueNanos);
            }
            due.task.run();
        }
    }

    /** Runs timers that are due now without moving time. */
    public void runDueTimers() {
        advance(Duration.ZERO);
    }

    /** The number of timers not yet run or cancelled. */
    public synchronized int pendingTimers() {
        return tasks.size();
    }

    private void moveTo(long targetNanos) {
        now = now.plusNanos(targetNanos - nanos);
        nanos = targetNanos;
    }

    private record ScheduledTask(long dueNanos, long sequence, Runnable task) implements Comparable<ScheduledTask> {
        @Override
        public int compareTo(ScheduledTask other) {
            int byTime = Long.compare(dueNanos, other.dueNanos);
            return byTime != 0 ? byTime : Long.compare(sequence, other.sequence);
        }
    }
}
