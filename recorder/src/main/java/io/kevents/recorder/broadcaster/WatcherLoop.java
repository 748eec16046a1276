package io.kevents.recorder.broadcaster;

import io.kevents.recorder.RecordedEvent;
import io.kevents.recorder.watcher.EventWatcher;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import org.jctools.queues.MpscArrayQueue;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One watcher's bounded queue and the thread that feeds it. Recording threads only ever {@link #offer}: a
 * lock-free, non-blocking enqueue that fails when the queue is full.
 */
final class WatcherLoop implements Watch {

    private static final Logger LOG = LoggerFactory.getLogger(WatcherLoop.class);
    private static final int MAX_BATCH = 256;
    /** Bounds the delay of a lost wake-up; wake-ups are not lost by design, this is a safety net. */
    private static final long PARK_NANOS = TimeUnit.MILLISECONDS.toNanos(50);

    private final String name;
    private final EventWatcher watcher;
    private final MpscArrayQueue<RecordedEvent> queue;
    private final Thread thread;
    private final CountDownLatch finished = new CountDownLatch(1);
    private final Runnable onStop;
    private final AtomicLong accepted = new AtomicLong();
    private final AtomicLong handled = new AtomicLong();
    private volatile boolean sleeping;
    private volatile boolean draining;
    private volatile boolean stopped;

    WatcherLoop(String name, EventWatcher watcher, int capacity, Runnable onStop) {
        this.name = name;
        this.watcher = watcher;
        this.queue = new MpscArrayQueue<>(capacity);
        this.onStop = onStop;
        this.thread = new Thread(this::run, name);
        this.thread.setDaemon(true);
    }

    void start() {
        thread.start();
    }

    /** Queues {@code event} without blocking; {@code false} when the queue is full or the loop has stopped. */
    boolean offer(RecordedEvent event) {
        if (stopped || !queue.offer(event)) {
            return false;
        }
        accepted.incrementAndGet();
        if (sleeping) {
            LockSupport.unpark(thread);
        }
        return true;
    }

    /** Events queued so far. */
    long accepted() {
        return accepted.get();
    }

    /** Events handled (delivered, or discarded after a watcher failure) so far. */
    long handled() {
        return handled.get();
    }

    /** Whether the loop has ended. */
    boolean isStopped() {
        return stopped;
    }

    /** Events waiting. */
    int depth() {
        return queue.size();
    }

    /** Delivers what is queued, then ends; returns whether that finished within {@code timeoutNanos}. */
    boolean drainAndStop(long timeoutNanos) throws InterruptedException {
        draining = true;
        LockSupport.unpark(thread);
        boolean done = finished.await(timeoutNanos, TimeUnit.NANOSECONDS);
        if (!done) {
            stop();
        }
        return done;
    }

    /** Ends at once; queued events are discarded. Returns how many were. */
    int discard() {
        stop();
        int lost = 0;
        while (queue.poll() != null) {
            lost++;
        }
        return lost;
    }

    @Override
    public void stop() {
        stopped = true;
        LockSupport.unpark(thread);
    }

    @Override
    public String name() {
        return name;
    }

    private void run() {
        List<RecordedEvent> batch = new ArrayList<>(MAX_BATCH);
        try {
            while (!stopped) {
                queue.drain(batch::add, MAX_BATCH);
                if (!batch.isEmpty()) {
                    deliver(batch);
                    batch.clear();
                    continue;
                }
                if (draining) {
                    break;
                }
                sleeping = true;
                // Re-check after announcing sleep: an offer that raced with us either is visible now or sees
                // sleeping == true and unparks us.
                if (queue.isEmpty() && !draining && !stopped) {
                    LockSupport.parkNanos(this, PARK_NANOS);
                }
                sleeping = false;
            }
        } finally {
            stopped = true;
            finished.countDown();
            onStop.run();
        }
    }

    private void deliver(List<RecordedEvent> batch) {
        try {
            watcher.onEvents(batch);
        } catch (RuntimeException e) {
            LOG.error("Event watcher {} failed on {} event(s); it keeps receiving events", name, batch.size(), e);
        } finally {
            handled.addAndGet(batch.size());
        }
    }
}
