package io.kevents.recorder.broadcaster;

import io.kevents.recorder.RecordOutcome;
import io.kevents.recorder.RecordedEvent;
import io.kevents.recorder.metrics.DropReason;
import io.kevents.recorder.metrics.RecorderMetrics;
import io.kevents.recorder.watcher.EventWatcher;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.locks.LockSupport;

/**
 * Fans recorded events out to watchers (the seed's EventBroadcaster). Each watcher has its own bounded queue
 * and thread; {@link #publish} never blocks, whatever the watchers are doing: an event that does not fit in a
 * watcher's queue is dropped for that watcher and counted.
 *
 * <p>A watcher sees the events published after it was added, in publishing order per recording thread.
 */
public final class Broadcaster {

    private final int queueCapacity;
    private final RecorderMetrics metrics;
    private final List<WatcherLoop> watchers = new CopyOnWriteArrayList<>();
    private volatile boolean accepting = true;

    /**
     * @param queueCapacity events each watcher may have waiting
     * @param metrics       where drops and queue depths are counted
     */
    public Broadcaster(int queueCapacity, RecorderMetrics metrics) {
        if (queueCapacity < 2) {
            throw new IllegalArgumentException("queue capacity must be at least 2");
        }
        this.queueCapacity = queueCapacity;
        this.metrics = metrics;
        metrics.addWatcherQueue(() -> watchers.stream().mapToLong(WatcherLoop::depth).sum());
    }

    /** Starts delivering events to {@code watcher} on a thread called {@code name}. */
    public Watch startWatcher(String name, EventWatcher watcher) {
        if (!accepting) {
            throw new IllegalStateException("the broadcaster is shut down");
        }
        WatcherLoop[] self = new WatcherLoop[1];
        WatcherLoop loop = new WatcherLoop(name, watcher, queueCapacity, () -> watchers.remove(self[0]));
        self[0] = loop;
        watchers.add(loop);
        loop.start();
        return loop;
    }

    /** Queues {@code event} for every watcher, without blocking. */
    public RecordOutcome publish(RecordedEvent event) {
        if (!accepting) {
            metrics.dropped(DropReason.SHUTDOWN);
            return RecordOutcome.DROPPED_SHUTDOWN;
        }
        RecordOutcome outcome = RecordOutcome.ACCEPTED;
        for (WatcherLoop watcher : watchers) {
            if (!watcher.offer(event)) {
                metrics.dropped(DropReason.QUEUE_FULL);
                outcome = RecordOutcome.DROPPED_QUEUE_FULL;
            }
        }
        if (outcome == RecordOutcome.ACCEPTED) {
            metrics.recorded();
        }
        return outcome;
    }

    /**
     * Stops accepting events and lets every watcher handle what it has queued, within {@code timeout}. Events
     * still queued when the time is up are discarded and counted as dropped at shutdown.
     *
     * @return how many events were discarded
     */
    public long shutdown(Duration timeout) {
        accepting = false;
        long deadline = System.nanoTime() + timeout.toNanos();
        long discarded = 0;
        for (WatcherLoop watcher : List.copyOf(watchers)) {
            try {
                watcher.drainAndStop(Math.max(0, deadline - System.nanoTime()));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            // What is left either missed the deadline or raced in after the last drain.
            discarded += watcher.discard();
        }
        metrics.dropped(DropReason.SHUTDOWN, discarded);
        return discarded;
    }

    /**
     * Waits until every watcher has handled every event queued for it before this call, or {@code timeout}
     * passes.
     *
     * @return whether everything was handled in time
     */
    public boolean awaitHandled(Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        for (WatcherLoop watcher : List.copyOf(watchers)) {
            long target = watcher.accepted();
            while (watcher.handled() < target && !watcher.isStopped()) {
                if (System.nanoTime() > deadline) {
                    return false;
                }
                LockSupport.parkNanos(100_000);
            }
        }
        return true;
    }

    /** Whether {@link #shutdown} has been called. */
    public boolean isShutdown() {
        return !accepting;
    }
}
