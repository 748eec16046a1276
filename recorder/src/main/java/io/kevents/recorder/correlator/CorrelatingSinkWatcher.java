package io.kevents.recorder.correlator;

import io.kevents.model.ObjectRef;
import io.kevents.recorder.EventNameGenerator;
import io.kevents.recorder.RecordedEvent;
import io.kevents.recorder.UndeliveredEvent;
import io.kevents.recorder.metrics.DropReason;
import io.kevents.recorder.metrics.RecorderMetrics;
import io.kevents.recorder.sink.LegacyEventSink;
import io.kevents.recorder.watcher.PartitionedWatcher;
import io.kevents.recorder.watcher.SinkWatcher;
import io.kevents.recorder.writer.SinkWriter;
import io.kevents.recorder.writer.WriterOptions;
import io.kevents.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The watcher that writes core/v1 events to a sink through the {@link EventCorrelator} (client-go's
 * {@code tools/record} recordToSink): every allowed occurrence of an identical event becomes a patch of the
 * object's count, lastTimestamp and message. Unlike client-go, writes do not run on the watcher thread: a slow or
 * failing write holds up only its own event object, and occurrences that pile up meanwhile are coalesced into one
 * write of the latest count. Correlation runs on {@link CorrelatorOptions#partitions()} threads, each for its own
 * share of the involved objects.
 */
public final class CorrelatingSinkWatcher implements SinkWatcher, PartitionedWatcher {

    /** One correlator per partition, each guarded by its own lock (shared with its event objects). */
    private final List<Shard> shards;
    private final SinkWriter<CorrelatedEvent> writer;
    private final Clock clock;
    private final RecorderMetrics metrics;

    private record Shard(Object lock, EventCorrelator correlator) {
    }

    /** @param name names the writer threads */
    public CorrelatingSinkWatcher(String name, LegacyEventSink sink, Clock clock, RecorderMetrics metrics,
                                  CorrelatorOptions options, WriterOptions writerOptions) {
        EventNameGenerator names = new EventNameGenerator();
        List<Shard> shards = new ArrayList<>();
        for (int i = 0; i < options.partitions(); i++) {
            Object lock = new Object();
            shards.add(new Shard(lock, new EventCorrelator(options, names, lock, sink, metrics)));
        }
        this.shards = List.copyOf(shards);
        this.writer = new SinkWriter<>(name, writerOptions.workers(), clock, writerOptions.retryPolicy(),
                metrics);
        this.clock = clock;
        this.metrics = metrics;
    }

    /** Starts the writer threads. */
    @Override
    public void start() {
        writer.start();
    }

    @Override
    public int partitions() {
        return shards.size();
    }

    /**
     * By involved object (name, namespace and uid, which every key of the correlator compares; not the field path,
     * which the spam and aggregation keys leave out).
     */
    @Override
    public int partitionOf(RecordedEvent event) {
        if (shards.size() == 1) {
            return 0;
        }
        ObjectRef object = event.regarding();
        int h = 31 * (31 * Objects.hashCode(object.name()) + Objects.hashCode(object.namespace()))
                + Objects.hashCode(object.uid());
        return Math.floorMod(h ^ (h >>> 16), shards.size());
    }

    @Override
    public void onEvent(RecordedEvent event) {
        onEvents(partitionOf(event), List.of(event));
    }

    /** Correlates a batch under its shard's lock, taken once, and queues the allowed writes after releasing it. */
    @Override
    public void onEvents(int partition, List<RecordedEvent> events) {
        long nowNanos = clock.nanoTime();
        Shard shard = shards.get(partition);
        List<CorrelatedEvent> allowed = new ArrayList<>();
        synchronized (shard.lock()) {
            for (RecordedEvent event : events) {
                EventCorrelator.Correlation correlation = shard.correlator().correlate(event, nowNanos);
                if (correlation.allowed()) {
                    allowed.add(correlation.event());
                }
            }
        }
        allowed.forEach(writer::enqueue);
        metrics.dropped(DropReason.SPAM_FILTER, events.size() - allowed.size());
    }

    /**
     * Waits up to {@code timeout} until no write is waiting or in progress.
     *
     * @return {@code false} if the time ran out first
     */
    @Override
    public boolean awaitSettled(Duration timeout) {
        return writer.awaitSettled(timeout);
    }

    /** Writes the final counts of remembered events (including occurrences the spam filter held back), then stops. */
    @Override
    public List<UndeliveredEvent> close(Duration timeout) {
        for (Shard shard : shards) {
            synchronized (shard.lock()) {
                shard.correlator().unwritten().forEach(writer::enqueue);
            }
        }
        return writer.close(timeout);
    }
}
