package io.kevents.recorder.broadcaster;

import io.kevents.recorder.RecordOutcome;
import io.kevents.recorder.RecordedEvent;
import io.kevents.recorder.metrics.DropReason;
import io.kevents.recorder.metrics.RecorderMetrics;
import io.kevents.recorder.watcher.EventWatcher;
import io.kevents.recorder.watcher.PartitionedWatcher;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.locks.LockSupport;

/**
 * Fans recorded events out to watchers (the seed's EventBroadcaster). Each watcher has its own bounded queue
 * and thread; {@link #publish} never blocks, whatever the watchers are doing: an event that does not fit in a
 * watcher's queue is dropped for that watcher and counted.
 *
 * <p>A watcher sees the events published after it was added, in publishing order per recording thread. A
 * {@link PartitionedWatcher} gets a queue and thread per partition.
 */
public final class Broadcaster {

    private final int queueCapacity;
    private final RecorderMetrics metrics;
    /** Every loop (a partitioned watcher has several), for shutdown, flush and queue depth. */
    private final List<WatcherLoop> watchers = new CopyOnWriteArrayList<>();
    /** Where {@link #publish} offers each event: one entry per started watcher. */
    private final List<Route> routes = new CopyOnWriteArrayList<>();
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

    /**
     * Starts delivering events to {@code watcher} on a thread called {@code name}, or, for a
     * {@link PartitionedWatcher} with several partitions, on one thread and queue of {@code queueCapacity} events per
     * partition ({@code name-p0}, {@code name-p1}, ...). A partitioned watcher is always called through
     * {@link PartitionedWatcher#onEvents(int, List)}, even with a single partition.
     */
    public Watch startWatcher(String name, EventWatcher watcher) {
        if (!accepting) {
            throw new IllegalStateException("the broadcaster is shut down");
        }
        PartitionedWatcher partitioned = watcher instanceof PartitionedWatcher p ? p : null;
        int partitions = partitioned != null ? partitioned.partitions() : 1;
        if (partitions < 1) {
            throw new IllegalArgumentException("a watcher needs at least one partition");
        }
        WatcherLoop[] loops = new WatcherLoop[partitions];
        // A partitioned watcher goes through PartitionDelivery even with one partition: its onEvents(List) may have
        // to work out each event's partition, whereas onEvents(partition, List) handles the batch at once.
        Route route = partitioned == null ? new Single(loops) : new Partitioned(partitioned, loops);
        for (int i = 0; i < partitions; i++) {
            WatcherLoop[] self = new WatcherLoop[1];
            EventWatcher delivery = partitioned == null ? watcher : new PartitionDelivery(partitioned, i);
            loops[i] = new WatcherLoop(partitions == 1 ? name : name + "-p" + i, delivery, queueCapacity, () -> {
                watchers.remove(self[0]);
                routes.remove(route);
            });
            self[0] = loops[i];
        }
        watchers.addAll(List.of(loops));
        routes.add(route);
        for (WatcherLoop loop : loops) {
            loop.start();
        }
        return partitions == 1 ? loops[0] : new PartitionedWatch(name, loops);
    }

    /** Queues {@code event} for every watcher, without blocking. */
    public RecordOutcome publish(RecordedEvent event) {
        if (!accepting) {
            metrics.dropped(DropReason.SHUTDOWN);
            return RecordOutcome.DROPPED_SHUTDOWN;
        }
        RecordOutcome outcome = RecordOutcome.ACCEPTED;
        for (Route route : routes) {
            if (!route.offer(event)) {
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

    /** Which loop of a watcher gets an event. */
    private sealed interface Route permits Single, Partitioned {
        boolean offer(RecordedEvent event);
    }

    private record Single(WatcherLoop[] loops) implements Route {
        @Override
        public boolean offer(RecordedEvent event) {
            return loops[0].offer(event);
        }
    }

    private record Partitioned(PartitionedWatcher watcher, WatcherLoop[] loops) implements Route {
        @Override
        public boolean offer(RecordedEvent event) {
            return loops[watcher.partitionOf(event)].offer(event);
        }
    }

    /** What one partition's loop delivers to: the watcher, told which partition the events belong to. */
    private record PartitionDelivery(PartitionedWatcher watcher, int partition) implements EventWatcher {
        @Override
        public void onEvent(RecordedEvent event) {
            watcher.onEvents(partition, List.of(event));
        }

        @Override
        public void onEvents(List<RecordedEvent> events) {
            watcher.onEvents(partition, events);
        }
    }

    /** A partitioned watcher's loops, stopped together. */
    private record PartitionedWatch(String name, WatcherLoop[] loops) implements Watch {
        @Override
        public void stop() {
            for (WatcherLoop loop : loops) {
                loop.stop();
            }
        }
    }
}
